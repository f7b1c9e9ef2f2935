package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.binarybosh.operator.shell.Scripts.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** authorize and revoke run by /bin/sh on authorized_keys files made here. */
class AuthorizedKeysEditTest {

    private static final String MARKER = "binarybosh-copy-op1";

    @TempDir
    Path dir;

    private final VmCommands commands = new VmCommands(false);

    private Path keys(String content) throws Exception {
        Path keys = dir.resolve("home/.ssh/authorized_keys");
        Files.createDirectories(keys.getParent());
        Files.writeString(keys, content);
        return keys;
    }

    private static String line(String key) {
        return "from=\"10.0.0.5\",restrict ssh-ed25519 " + key + " " + MARKER;
    }

    @Test
    void aKeyIsAuthorizedOnceAndRevokedLeavingTheOthers() throws Exception {
        Path keys = keys("ssh-ed25519 AAAA jumpbox\n");
        for (int i = 0; i < 2; i++) {
            assertThat(sh(commands.authorize(keys.toString(), line("BBBB"), MARKER)).exit()).isZero();
        }
        assertThat(Files.readAllLines(keys)).containsExactly("ssh-ed25519 AAAA jumpbox", line("BBBB"));
        assertThat(sh(commands.revoke(keys.toString(), MARKER)).exit()).isZero();
        assertThat(Files.readAllLines(keys)).containsExactly("ssh-ed25519 AAAA jumpbox");
        assertThat(sh(commands.revoke(keys.toString(), MARKER)).exit()).as("nothing left to revoke").isZero();
        try (var left = Files.list(keys.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactly("authorized_keys");
        }
    }

    @Test
    void ourLineNeverJoinsTheLastKeyOfAFileWithoutAFinalNewline() throws Exception {
        Path keys = keys("ssh-ed25519 AAAA jumpbox");
        assertThat(sh(commands.authorize(keys.toString(), line("BBBB"), MARKER)).exit()).isZero();
        assertThat(Files.readString(keys)).isEqualTo("ssh-ed25519 AAAA jumpbox\n" + line("BBBB") + "\n");
    }

    @Test
    void aNewLineWithTheSameMarkerReplacesTheOldOne() throws Exception {
        Path keys = keys("ssh-ed25519 AAAA jumpbox\n" + line("OLD") + "\nssh-rsa CCCC other\n");
        assertThat(sh(commands.authorize(keys.toString(), line("NEW"), MARKER)).exit()).isZero();
        assertThat(Files.readAllLines(keys)).containsExactly("ssh-ed25519 AAAA jumpbox", "ssh-rsa CCCC other",
                line("NEW"));
    }

    @Test
    void aMissingFileAndFolderAreCreatedPrivate() throws Exception {
        Path keys = dir.resolve("home/.ssh/authorized_keys");
        assertThat(sh(commands.authorize(keys.toString(), line("BBBB"), MARKER)).exit()).isZero();
        assertThat(Files.readAllLines(keys)).containsExactly(line("BBBB"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        assertThat(sh(commands.revoke(dir.resolve("none").toString(), MARKER)).exit()).isZero();
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void theFileIsReplacedByRenameKeepingItsOwnerAndMode() throws Exception {
        Path keys = keys("ssh-ed25519 AAAA jumpbox\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
        boolean root = Scripts.root();
        if (root) {
            assertThat(sh("chown 65534:65534 '" + keys + "'").exit()).isZero();
        }
        Object inode = Files.getAttribute(keys, "unix:ino");
        assertThat(sh(commands.authorize(keys.toString(), line("BBBB"), MARKER)).exit()).isZero();
        assertThat(Files.getAttribute(keys, "unix:ino")).as("renamed over, not written in place").isNotEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-r-----");
        assertThat(sh(commands.revoke(keys.toString(), MARKER)).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-r-----");
        if (root) {
            assertThat(Files.getAttribute(keys, "unix:uid")).isEqualTo(65534);
            assertThat(Files.getAttribute(keys, "unix:gid")).isEqualTo(65534);
        }
    }

    @Test
    void aSymlinkedFileIsEditedWhereItPoints() throws Exception {
        Path real = dir.resolve("keys/real");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "ssh-ed25519 AAAA jumpbox\n");
        Path link = dir.resolve("authorized_keys");
        Files.createSymbolicLink(link, real);
        assertThat(sh(commands.authorize(link.toString(), line("BBBB"), MARKER)).exit()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllLines(real)).containsExactly("ssh-ed25519 AAAA jumpbox", line("BBBB"));
    }

    /**
     * A write that fails leaves the file as it was: in a mount namespace of its own (a user namespace too, so no
     * root is needed), the file's folder is a tmpfs, then filled up or made read-only.
     */
    @ParameterizedTest
    @ValueSource(strings = {"full", "read-only"})
    void aFailedWriteLeavesTheFileAsItWas(String fault) throws Exception {
        assumeThat(sh("unshare -rm true").exit()).as("mount namespaces available").isZero();
        Path ssh = dir.resolve("ssh");
        Files.createDirectories(ssh);
        String file = ssh + "/authorized_keys";
        String original = "ssh-ed25519 AAAA jumpbox\n" + line("BBBB") + "\n";
        String breakIt = fault.equals("full")
                ? "dd if=/dev/zero of='" + ssh + "/fill' bs=4096 2>/dev/null; "
                : "mount -o remount,ro '" + ssh + "' || exit 90; ";
        Files.writeString(dir.resolve("original"), original);
        String script = "mount -t tmpfs -o size=64k tmpfs '" + ssh + "' || exit 91; cp '" + dir.resolve("original")
                + "' '" + file + "' || exit 92; " + breakIt
                + "sh -c " + VmCommands.quote(commands.revoke(file, MARKER)) + "; echo \"exit=$?\"; cat '" + file + "'";
        Scripts.Run run = sh("unshare -rm sh -c " + VmCommands.quote(script));
        assertThat(run.out()).as(run.out()).doesNotContain("exit=0").contains("exit=");
        assertThat(run.out().substring(run.out().indexOf("exit=")).lines().skip(1).toList())
                .as("the file after the failed revoke").containsExactly("ssh-ed25519 AAAA jumpbox", line("BBBB"));
    }
}
