package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The listings' scripts, run for real by /bin/sh: the early hashes of large files, and the listing that takes them. */
class ListingScriptsTest {

    private static final int LARGE = (ListingScripts.LARGE_FILE_MIB + 1) * 1024 * 1024;

    @TempDir(factory = Scripts.UnderTarget.class)
    Path dir;

    private Path store(String... largeNames) throws IOException {
        Path store = Files.createDirectories(dir.resolve("store/blobstore"));
        Random random = new Random(7);
        for (String name : largeNames) {
            byte[] bytes = new byte[LARGE];
            random.nextBytes(bytes);
            Files.write(store.resolve(name), bytes);
        }
        Files.writeString(store.resolve("small"), "small");
        Files.createDirectories(store.resolve("postgres-15"));
        return dir.resolve("store");
    }

    private static String listing(Path store, Path early) throws Exception {
        Scripts.Run run = Scripts.sh(ListingScripts.checksum(store.toString(), ChecksumTool.B2SUM, true,
                early == null ? null : early.toString()));
        assertThat(run.exit()).as(run.out()).isZero();
        return run.out();
    }

    private static String oneByOne(Path store) throws Exception {
        return Scripts.sh(ListingScripts.checksum(store.toString(), ChecksumTool.B2SUM, false, null)).out();
    }

    /** The early hashes, in passes half a second apart while a process lives for a second. */
    private void hashEarly(Path store, Path early) throws Exception {
        Files.createDirectories(early);
        Scripts.Run run = Scripts.sh("sleep 1 & r=$!; " + ListingScripts.earlyHashes(store.toString(),
                ChecksumTool.B2SUM, early.toString(), "r") + "; wait");
        assertThat(run.exit()).as(run.out()).isZero();
    }

    private static List<Path> records(Path early) throws IOException {
        try (var files = Files.list(early)) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9]+")).sorted().toList();
        }
    }

    @Test
    void theListingTakesAnEarlyHashOnlyOfAFileAsItWasWhenHashed() throws Exception {
        Path store = store("blob-1", "blob-2");
        Path early = dir.resolve("early");
        hashEarly(store, early);
        assertThat(records(early)).as("one record per large file, none of the small").hasSize(2);
        assertThat(listing(store, early)).isEqualTo(oneByOne(store)).isEqualTo(listing(store, null));

        // a record is what the listing takes for its file: a wrong hash in it shows
        Path record = records(early).get(0);
        List<String> lines = Files.readAllLines(record);
        Path file = store.resolve(lines.get(1));
        Files.write(record, List.of(lines.get(0), lines.get(1), "0".repeat(128) + "  " + lines.get(1)));
        assertThat(listing(store, early)).isNotEqualTo(oneByOne(store));

        // written since (same size, another content): its change time differs and the record is not taken
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);
        assertThat(listing(store, early)).isEqualTo(oneByOne(store));

        // a second look hashes it again as it is now, and the listing takes that
        hashEarly(store, early);
        assertThat(Files.readAllLines(record).get(0)).isNotEqualTo(lines.get(0));
        assertThat(listing(store, early)).isEqualTo(oneByOne(store));
    }

    @Test
    void aHardLinkedFileIsListedUnderEachOfItsNames() throws Exception {
        Path store = store("blob-1");
        Files.createLink(store.resolve("blobstore/blob-link"), store.resolve("blobstore/blob-1"));
        Path early = dir.resolve("early");
        hashEarly(store, early);
        // one inode, one record, naming the name found first: the other name's line is its own
        assertThat(records(early)).hasSize(1);
        assertThat(listing(store, early)).isEqualTo(oneByOne(store));
    }

    @Test
    void nothingIsHashedEarlyOnceStoppedNorANameTheToolPrintsEscapedNorRsyncsTemporaryFiles() throws Exception {
        Path store = store("back\\slash", ".blob-3.AbC123");
        Path early = dir.resolve("early");
        hashEarly(store, early);
        assertThat(records(early)).isEmpty();
        assertThat(listing(store, early)).isEqualTo(oneByOne(store));

        Files.write(store.resolve("blobstore/blob-4"), new byte[LARGE]);
        Files.writeString(early.resolve(ListingScripts.EARLY_STOP), "");
        hashEarly(store, early);
        assertThat(records(early)).isEmpty();
    }
}
