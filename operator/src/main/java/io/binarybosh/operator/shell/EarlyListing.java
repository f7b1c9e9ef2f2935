package io.binarybosh.operator.shell;

import java.util.List;

/**
 * A store's checksum listing made before the verification reads it: the source's while the copy ran
 * ({@link VmCommands#sourceChecksum}), the target's right after rsync ended ({@link VmCommands#targetChecksum}).
 * Usable only when the store's fingerprint is the same now as when the listing began, i.e. nothing in it changed
 * since.
 */
public record EarlyListing(String listing, boolean current) {

    public static EarlyListing parse(String output) {
        List<String> lines = output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (lines.size() != 4) {
            return new EarlyListing(null, false);
        }
        return new EarlyListing(lines.get(1) + "\n" + lines.get(2), lines.get(0).equals(lines.get(3)));
    }

    /** The listing as {@link VmCommands#checksum} prints it, when it can stand for the store now. */
    public java.util.Optional<String> usable() {
        return current ? java.util.Optional.of(listing) : java.util.Optional.empty();
    }
}
