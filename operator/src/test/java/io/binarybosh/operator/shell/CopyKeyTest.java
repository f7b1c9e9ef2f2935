package io.binarybosh.operator.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.binarybosh.operator.shell.Scripts.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The copy key's forced command with the real rsync on both ends. sshd is stood in for by a script given to
 * rsync's {@code -e}: it joins the remote command's arguments as ssh does, sets {@code SSH_ORIGINAL_COMMAND} to
 * them and runs the key's forced command with {@code sh -c}, as sshd runs a forced command with the user's shell.
 */
class CopyKeyTest {

    @TempDir(factory = Scripts.UnderTarget.class)
    Path dir;

    private final VmCommands commands = new VmCommands(false);
    private Path source;
    private Path fakeSshd;

    @BeforeEach
    void world() throws Exception {
        source = dir.resolve("micro-store");
        Files.createDirectories(source.resolve("director/tasks"));
        Files.writeString(source.resolve("director/tasks/1"), "task log");
        Files.writeString(source.resolve("blob"), "data".repeat(1000));
        fakeSshd = dir.resolve("fake-sshd");
        Files.writeString(fakeSshd, """
                #!/bin/sh
                # ssh's arguments: options, [-l user,] host, then the remote command's words, joined by spaces
                while [ $# -gt 0 ]; do case $1 in -l|-p|-i|-o|-F) shift 2;; -*) shift;; *) break;; esac; done
                shift
                SSH_ORIGINAL_COMMAND="$*" exec sh -c "$FORCED"
                """);
        assertThat(fakeSshd.toFile().setExecutable(true)).isTrue();
    }

    private RsyncServerCommand probe(boolean checksum) throws Exception {
        return RsyncServerCommand.parse(sh(commands.rsyncServerCommandProbe(work(), checksum, source + "/")).out());
    }

    private String work() {
        return dir.resolve("work/op1").toString();
    }

    private static String forcedOf(String keyLine) {
        return keyLine.substring(keyLine.indexOf("command=\"") + 9, keyLine.lastIndexOf("\" ssh-ed25519"));
    }

    @Test
    void theProbeShowsTheLineTheCopySendsWithItsOptions() throws Exception {
        RsyncServerCommand first = probe(false);
        assertThat(first.line()).startsWith("rsync --server --sender -")
                .contains("--timeout=" + VmCommands.RSYNC_TIMEOUT_SECONDS).endsWith(" . " + source + "/");
        RsyncServerCommand redo = probe(true);
        assertThat(redo.line()).as("--checksum shows in the short options").isNotEqualTo(first.line());
        String withSudo = new VmCommands(true).rsyncServerCommandProbe(work(), false, source + "/");
        assertThat(withSudo).contains("--rsync-path='\\''sudo -n rsync'\\''");
    }

    @Test
    void theCopyRunsThroughTheForcedCommandAndNothingElseDoes() throws Exception {
        String line = VmCommands.copyKeyLine("ssh-ed25519 BBBB binarybosh-copy-op1", "10.0.0.5", probe(false));
        assertThat(line).startsWith("from=\"10.0.0.5\",restrict,command=\"");
        String forced = forcedOf(line);
        assertThat(forced).as("nothing in it ends the quoted option early").doesNotContain("\"");
        Map<String, String> env = Map.of("FORCED", forced);
        Path target = dir.resolve("meta-store");
        Files.createDirectories(target);

        assertThat(sh(commands.startRsync(work(), 1, false, fakeSshd.toString(), "vcap@micro:" + source + "/",
                target.toString(), ChecksumTool.B2SUM), env).exit()).isZero();
        Files.createDirectories(dir.resolve("meta-store-report"));
        RsyncProgress done = CopyLook.parse(sh(commands.copyLook(work(), 1, 30, dir.resolve("meta-store-report")
                .toString(), source + "/"), Scripts.fakeMonit(dir)).out()).progress();
        assertThat(done.succeeded()).as(Files.readString(Path.of(work(), "attempt-1.log"))).isTrue();
        assertThat(target.resolve("director/tasks/1")).hasContent("task log");
        assertThat(target.resolve("blob")).hasContent("data".repeat(1000));

        // The job listed the target once rsync ended: what the verification reads equals a listing made now.
        EarlyListing early = EarlyListing.parse(sh(commands.targetChecksum(work(), 1, target.toString(), 30)).out());
        assertThat(early.usable()).as("the copy's own listing of the target").contains(
                sh(commands.checksum(work(), target.toString(), ChecksumTool.B2SUM, 60)).out().trim());
        // A write since, even one that keeps the size and sets the modification time back, makes it unusable.
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(target.resolve("blob"));
        Files.writeString(target.resolve("blob"), "DATA".repeat(1000));
        Files.setLastModifiedTime(target.resolve("blob"), modified);
        assertThat(EarlyListing.parse(sh(commands.targetChecksum(work(), 1, target.toString(), 30)).out()).usable())
                .as("a listing of a store written since").isEmpty();
        Files.writeString(target.resolve("blob"), "data".repeat(1000));

        String client = "rsync -a --numeric-ids --no-inc-recursive --timeout=" + VmCommands.RSYNC_TIMEOUT_SECONDS
                + " -e " + fakeSshd + " ";
        assertThat(sh(client + "micro:" + source + "/ " + dir.resolve("same") + "/", env).exit())
                .as("the same options from another client: the same line").isZero();
        for (String extra : new String[]{"--remove-source-files", "--remote-option=--log-file=" + dir.resolve("evil.log"),
                "--checksum"}) {
            Scripts.Run run = sh(client + extra + " micro:" + source + "/ " + dir.resolve("other") + "/", env);
            assertThat(run.exit()).as(extra + ": " + run.out()).isNotZero();
            assertThat(run.out()).as(extra).contains("binarybosh: only the copy");
        }
        assertThat(source.resolve("blob")).as("--remove-source-files did not run").exists();
        assertThat(dir.resolve("evil.log")).doesNotExist();
        Scripts.Run elsewhere = sh("rsync -a --numeric-ids --no-inc-recursive --timeout="
                + VmCommands.RSYNC_TIMEOUT_SECONDS + " -e " + fakeSshd + " micro:/etc/ " + dir.resolve("etc") + "/", env);
        assertThat(elsewhere.exit()).as("another path").isNotZero();
        assertThat(dir.resolve("etc/passwd")).doesNotExist();
    }

    @Test
    void aCommandOtherThanTheLineIsRefusedAndNeverRun() throws Exception {
        RsyncServerCommand server = probe(false);
        String forced = forcedOf(VmCommands.copyKeyLine("ssh-ed25519 BBBB c", "10.0.0.5", server));
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(bin.resolve("rsync"), "#!/bin/sh\necho \"rsync ran: $*\"\n");
        assertThat(bin.resolve("rsync").toFile().setExecutable(true)).isTrue();
        String path = bin + ":/usr/bin:/bin";
        Scripts.Run allowed = sh(forced, Map.of("PATH", path, "SSH_ORIGINAL_COMMAND", server.line()));
        assertThat(allowed.out()).contains("rsync ran: " + server.line().substring("rsync ".length()));
        for (String refused : new String[]{server.line() + " /etc", server.line() + "; id", server.line() + "\nid",
                server.line().replace("--sender", "--sender --remove-source-files"), "", "id",
                server.line().replace(" . ", " . /etc ")}) {
            Scripts.Run run = sh(forced, Map.of("PATH", path, "SSH_ORIGINAL_COMMAND", refused));
            assertThat(run.exit()).as(refused).isEqualTo(126);
            assertThat(run.out()).as(refused).doesNotContain("rsync ran");
        }
    }

    @Test
    void onlyAnRsyncSenderLineWithoutShellSyntaxIsAccepted() {
        assertThat(RsyncServerCommand.parse("binarybosh-arg:-l\nbinarybosh-arg:vcap\nbinarybosh-arg:binarybosh-probe\n"
                + "binarybosh-arg:sudo -n rsync\nbinarybosh-arg:--server\nbinarybosh-arg:--sender\nbinarybosh-arg:-logDtpre.LsfxCIvu\n"
                + "binarybosh-arg:.\nbinarybosh-arg:/var/vcap/store/\nrsync: connection unexpectedly closed\n").line())
                .isEqualTo("sudo -n rsync --server --sender -logDtpre.LsfxCIvu . /var/vcap/store/");
        for (String bad : new String[]{"rsync --server . /x", "rsync --server --sender . /x;id",
                "rsync --server --sender . '/x'", "rsync --server --sender . $(id)", "sh -c rsync --server --sender"}) {
            assertThatThrownBy(() -> new RsyncServerCommand(bad)).as(bad).isInstanceOf(ShellException.class);
        }
        assertThatThrownBy(() -> RsyncServerCommand.parse("rsync: command not found")).isInstanceOf(ShellException.class);
    }
}
