package io.binarybosh.e2e.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills the Micro's store with blobstore objects, as a director's store holds its releases and compiled packages,
 * so that the copy onto Meta takes long enough to show its progress. Random content: nothing compresses it away.
 *
 * @param store the Micro's /var/vcap/store
 */
record MicroBlobstore(Path store) {

    private static final int BLOB_MIB = 8;
    private static final int MIB = 1 << 20;

    /** Writes about {@code mib} MiB in blobs of 8 MiB under {@code blobstore/}; returns the bytes written. */
    long fill(int mib) {
        SplittableRandom random = new SplittableRandom();
        byte[] chunk = new byte[MIB];
        long written = 0;
        try {
            for (int blob = 0; blob * BLOB_MIB < mib; blob++) {
                Path dir = Files.createDirectories(store.resolve("blobstore").resolve("%02x".formatted(blob % 256)));
                try (OutputStream out = Files.newOutputStream(dir.resolve(UUID.randomUUID().toString()))) {
                    for (int i = 0; i < Math.min(BLOB_MIB, mib - blob * BLOB_MIB); i++) {
                        random.nextBytes(chunk);
                        out.write(chunk);
                        written += chunk.length;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }
}
