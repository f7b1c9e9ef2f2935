package io.binarybosh.operator.director;

/** Creates a client for one endpoint; tests substitute their own. */
@FunctionalInterface
public interface DirectorClientFactory {

    DirectorClient create(DirectorEndpoint endpoint);
}
