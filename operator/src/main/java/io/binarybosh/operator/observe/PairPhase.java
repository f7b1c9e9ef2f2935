package io.binarybosh.operator.observe;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A pair's own place within a repeating interval, derived from its namespace, name and what repeats (the same on
 * every replica and after every restart). Periodic work is done at the pair's slots (its phase within intervals
 * counted from the epoch) instead of at fixed distances from when the work was last done, so that a thousand pairs
 * started together spread their polls, full reads and agent checks over the interval instead of all asking at once.
 *
 * @param fraction where in the interval the pair's slots fall, in [0, 1)
 */
public record PairPhase(double fraction) {

    public PairPhase {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1): " + fraction);
        }
    }

    public static PairPhase of(ResourceID pair, String what) {
        String identity = pair.getNamespace().orElse("") + "/" + pair.getName() + "#" + what;
        // FNV-1a over the UTF-8 bytes, then MurmurHash3's finalizer: names differing in one letter land far apart.
        long hash = 0xcbf29ce484222325L;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return new PairPhase((hash >>> 11) * 0x1.0p-53);
    }

    /** The pair's first slot at or after {@code notBefore}. */
    public Instant slotAtOrAfter(Instant notBefore, Duration interval) {
        long period = Math.max(1, interval.toMillis());
        long offset = (long) (fraction * period);
        long k = Math.floorDiv(notBefore.toEpochMilli() - offset + period - 1, period);
        return Instant.ofEpochMilli(k * period + offset);
    }

    /**
     * The pair's next slot after {@code last}: work done at a slot is next done one interval later; work done
     * elsewhere (a pair's first poll, a read brought forward) moves to the pair's next slot, so that it is never
     * done more than one interval apart (a detection bound: a poll, a full read or an agent check is never late).
     */
    public Instant nextAfter(Instant last, Duration interval) {
        return slotAtOrAfter(last.plusMillis(1), interval);
    }
}
