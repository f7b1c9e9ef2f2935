package io.binarybosh.operator.operation;

import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;

import java.util.Optional;

/** The client of one of a pair's directors, built from the spec and its Secrets; empty when it cannot be. */
@FunctionalInterface
public interface DirectorAccess {

    Optional<DirectorClient> client(BinaryBoshPair pair, DirectorRole role);
}
