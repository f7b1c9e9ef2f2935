package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.director.DirectorEndpoint;

/** Either a usable endpoint or the reason there is none. */
public sealed interface EndpointResolution {

    record Resolved(DirectorEndpoint endpoint) implements EndpointResolution {
    }

    record Unresolved(ConfigProblem problem) implements EndpointResolution {
    }
}
