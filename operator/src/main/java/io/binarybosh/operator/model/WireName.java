package io.binarybosh.operator.model;

import java.util.Arrays;
import java.util.Optional;

/** An enum written into the resource as a string of its own (Repair, CopyingStore), not as its Java name. */
public interface WireName {

    String wire();

    /** The constant of {@code type} written as {@code wire}; empty for a word this version does not know. */
    static <E extends Enum<E> & WireName> Optional<E> lookup(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
    }
}
