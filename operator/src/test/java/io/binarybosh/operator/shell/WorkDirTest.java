package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.binarybosh.operator.shell.Scripts.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private working folder, made and checked by /bin/sh: through writeCopyFiles, which writes the copy key
 * and the pinned host key. */
class WorkDirTest {

    @TempDir(factory = Scripts.UnderTarget.class)
    Path dir;

    private final VmCommands commands = new VmCommands(false);

    private Scripts.Run writeKey(Path work) throws Exception {
        return sh(commands.writeCopyFiles(work.toString(), "[10.0.0.5]:22 ssh-ed25519 AAAA"), Map.of(), "secret\n");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theOperationsFolderLivesOnTheEphemeralDiskNamedByItsId() {
        assertThat(WorkDir.of("migration-20261204T101500Z")).isEqualTo("/var/vcap/data/binarybosh/migration-20261204T101500Z");
        for (String bad : new String[]{"../etc", "a/b", "", ".hidden", "a b", null}) {
            assertThatThrownBy(() -> WorkDir.of(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void itIsMadeWithMode0700AndItsParentToo() throws Exception {
        Path work = dir.resolve("data/binarybosh/op1");
        assertThat(writeKey(work).exit()).isZero();
        assertThat(work.resolve("key")).hasContent("secret");
        assertThat(mode(work)).isEqualTo("rwx------");
        assertThat(mode(work.getParent())).isEqualTo("rwx------");
        assertThat(mode(work.resolve("key"))).isEqualTo("rw-------");
        assertThat(work.resolve("known_hosts")).hasContent("[10.0.0.5]:22 ssh-ed25519 AAAA");
        assertThat(mode(work.resolve("known_hosts"))).isEqualTo("rw-------");
        assertThat(writeKey(work).exit()).as("used again").isZero();
    }

    @Test
    void aSymlinkPutInItsPlaceIsRefusedAndNothingIsWrittenThrough() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.createDirectories(dir.resolve("data/binarybosh"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(dir.resolve("data/binarybosh/op1"), elsewhere);
        Scripts.Run run = writeKey(dir.resolve("data/binarybosh/op1"));
        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.out()).contains("a symlink");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        Files.delete(dir.resolve("data/binarybosh/op1"));
        Files.delete(dir.resolve("data/binarybosh"));
        Files.createSymbolicLink(dir.resolve("data/binarybosh"), elsewhere);
        assertThat(writeKey(dir.resolve("data/binarybosh/op1")).exit()).as("the parent a symlink").isEqualTo(6);
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFolderOthersCouldWriteInOrThatWasOpenedUpIsRefused() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxr-x"));
        Scripts.Run groupWritable = writeKey(data.resolve("binarybosh/op1"));
        assertThat(groupWritable.exit()).isEqualTo(6);
        assertThat(groupWritable.out()).contains("another user can write in it");
        assertThat(data.resolve("binarybosh")).doesNotExist();

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(data.resolve("binarybosh/op1"));
        Scripts.Run opened = writeKey(data.resolve("binarybosh/op1"));
        assertThat(opened.exit()).as("a mode 0755 folder was not made by us").isEqualTo(6);
        assertThat(data.resolve("binarybosh/op1/key")).doesNotExist();
    }

    @Test
    void aPathThroughTmpIsRefused() throws Exception {
        Scripts.Run run = writeKey(Path.of("/tmp/binarybosh-test-" + ProcessHandle.current().pid() + "/op1"));
        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.out()).contains("refusing /tmp: owner 0 mode 1777");
    }

    @Test
    void aFolderOwnedBySomeoneElseIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Scripts.root(), "only root can give a folder away");
        Path work = dir.resolve("data/binarybosh/op1");
        Files.createDirectories(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(work.getParent(), PosixFilePermissions.fromString("rwx------"));
        assertThat(sh("chown 65534 '" + work + "'").exit()).isZero();
        Scripts.Run run = writeKey(work);
        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.out()).contains("owner 65534");
        assertThat(work.resolve("key")).doesNotExist();
    }
}
