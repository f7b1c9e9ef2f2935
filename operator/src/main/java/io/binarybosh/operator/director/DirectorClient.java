package io.binarybosh.operator.director;

/**
 * One director's API. Safe to share between concurrent reconciles; {@link #close()} releases its connection
 * pool. Every failure is a {@link DirectorException} subclass whose message never holds a secret.
 */
public interface DirectorClient extends AutoCloseable {

    /** {@code GET /info} without credentials: reachability, identity and the auth mode. */
    DirectorInfo info();

    /**
     * {@code GET /info} with credentials: proves they are accepted. A director answers {@code user: null}
     * (or 401) for credentials it does not accept; both end in {@link DirectorUnauthorizedException}.
     */
    DirectorInfo authenticatedInfo();

    @Override
    void close();
}
