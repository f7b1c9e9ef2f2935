package io.binarybosh.operator.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line the copy's rsync client sends over ssh to start its other end, e.g.
 * {@code rsync --server --sender -logDtpre.LsfxCIvu --timeout=300 --numeric-ids . /var/vcap/store/} (with
 * {@code sudo -n } before it when the login user needs sudo). The short options and the capability letters after
 * {@code e.} depend on the client's rsync version and on the options of the attempt ({@code c} for
 * {@code --checksum}), so the line is read from Meta's own rsync ({@link VmCommands#rsyncServerCommandProbe}), not
 * written here. The copy key's forced command runs this line and nothing else.
 */
public record RsyncServerCommand(String line) {

    /** What the probe's ssh stand-in prints before each argument it was given. */
    static final String ARGUMENT = "binarybosh-arg:";
    /** The host the probe names: the arguments after it are the remote command. */
    static final String PROBE_HOST = "binarybosh-probe";
    /** Words without any shell syntax: the line can stand verbatim in a forced command. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._/=,+:@-]+");

    public RsyncServerCommand {
        if (line == null || !SAFE.matcher(line).matches()
                || !(line.startsWith("rsync --server --sender ") || line.startsWith("sudo -n rsync --server --sender "))) {
            throw new ShellException("not an rsync sender command without shell syntax: '" + line + "'");
        }
    }

    /**
     * From the probe's output: ssh joins the remote command's arguments with single spaces into the one string
     * sshd gets (and shows a forced command as {@code SSH_ORIGINAL_COMMAND}); the probe does the same.
     */
    public static RsyncServerCommand parse(String probeOutput) {
        List<String> arguments = new ArrayList<>();
        probeOutput.lines().filter(l -> l.startsWith(ARGUMENT)).forEach(l -> arguments.add(l.substring(ARGUMENT.length())));
        int host = arguments.indexOf(PROBE_HOST);
        if (host < 0 || host == arguments.size() - 1) {
            throw new ShellException("rsync on Meta did not show the command it sends (probe printed: '"
                    + probeOutput.strip() + "')");
        }
        return new RsyncServerCommand(String.join(" ", arguments.subList(host + 1, arguments.size())));
    }

    /**
     * The authorized_keys {@code command} of the copy key: runs {@link #line} when the client asks for exactly it,
     * refuses anything else (another option, another path, a second command) with exit code 126. The line is ours,
     * from Meta's rsync, and has no shell syntax; what the client sent is only compared, never run.
     */
    public String forcedCommand() {
        return "case $SSH_ORIGINAL_COMMAND in " + VmCommands.quote(line) + ") exec " + line + ";; esac; "
                + "echo 'binarybosh: only the copy' 1>&2; exit 126";
    }
}
