package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;

import java.util.function.Consumer;

/**
 * Writes a change to a pair's status before anything acts on it: with the resource version, so a concurrent
 * change fails the write instead of being overwritten. Returns the pair as written.
 */
@FunctionalInterface
public interface StatusWriter {

    BinaryBoshPair update(BinaryBoshPair pair, Consumer<BinaryBoshPairStatus> change);
}
