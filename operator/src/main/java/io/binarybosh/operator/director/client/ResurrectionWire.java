package io.binarybosh.operator.director.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** {@code GET /resurrection}: whether the health monitor may resurrect VMs. */
record ResurrectionWire(@JsonProperty(required = true) Boolean resurrection) {

    ResurrectionWire {
        Objects.requireNonNull(resurrection, "resurrection");
    }
}
