package io.binarybosh.operator.shell;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell over SSH with JSch: public-key login, the host key checked against the pinned one (a different key is
 * refused, as after a VM recreate), nothing read from or written to ~/.ssh.
 */
public final class SshShell implements Shell {

    private static final Logger LOG = LoggerFactory.getLogger(SshShell.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest pause between two looks at a running command. */
    private static final long MAX_POLL_MILLIS = 20;

    private final Session session;
    private final SshTarget target;

    private SshShell(Session session, SshTarget target) {
        this.session = session;
        this.target = target;
    }

    public static ShellFactory factory() {
        return SshShell::open;
    }

    public static SshShell open(SshTarget target) {
        PinnedHostKey pinned = null;
        long started = System.nanoTime();
        try {
            JSch jsch = new JSch();
            jsch.addIdentity("operator", target.privateKey().getBytes(StandardCharsets.UTF_8), null, null);
            pinned = new PinnedHostKey(target);
            jsch.setHostKeyRepository(pinned);
            Session session = jsch.getSession(target.user(), target.host(), target.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setUserInfo(new NoPrompts());
            // A VM that vanishes mid-command (rebooted, its network cut) is noticed by keepalives, as the copy's ssh
            // does (VmCommands.copySshCommand), not only when the command's own deadline passes.
            session.setServerAliveInterval(VmCommands.SSH_ALIVE_INTERVAL_SECONDS * 1000);
            session.setServerAliveCountMax(VmCommands.SSH_ALIVE_COUNT);
            session.connect((int) CONNECT_TIMEOUT.toMillis());
            LOG.debug("ssh login to {}@{}:{} in {} ms", target.user(), target.host(), target.port(),
                    (System.nanoTime() - started) / 1_000_000);
            return new SshShell(session, target);
        } catch (JSchException e) {
            if (pinned != null && pinned.offered != null && pinned.changed()) {
                throw new HostKeyChangedException(target.host(), target.port(), HostKeyLine.fingerprint(pinned.key),
                        HostKeyLine.fingerprint(pinned.offered), e);
            }
            // JSch messages name hosts and algorithms, never key material.
            throw new ShellException("ssh to " + target.user() + "@" + target.host() + ":" + target.port()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        return run(command, null, timeout);
    }

    @Override
    public CommandResult run(String command, String input, Duration timeout) {
        ChannelExec channel = null;
        long started = System.nanoTime();
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            if (input != null) {
                channel.setInputStream(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            }
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            channel.setErrStream(stderr);
            InputStream stdout = channel.getInputStream();
            channel.connect((int) CONNECT_TIMEOUT.toMillis());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[8192];
            long pause = 1;
            while (true) {
                while (stdout.available() > 0) {
                    int n = stdout.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
                if (channel.isClosed() && stdout.available() == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new ShellException("'" + command + "' on " + target.host() + " did not finish within "
                            + timeout.toSeconds() + "s");
                }
                // JSch offers no wait with a timeout on a channel: polling keeps the command timeout without a thread.
                // Short looks first: most commands end within tens of milliseconds, and a migration runs dozens of
                // them one after the other.
                Thread.sleep(pause);
                pause = Math.min(MAX_POLL_MILLIS, pause * 2);
            }
            // the command's text may hold paths and key lines: only its length names it in the log
            LOG.debug("ssh command of {} characters on {} exited {} in {} ms", command.length(), target.host(),
                    channel.getExitStatus(), (System.nanoTime() - started) / 1_000_000);
            return new CommandResult(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } catch (JSchException | java.io.IOException e) {
            throw new ShellException("'" + command + "' on " + target.host() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException("interrupted running '" + command + "' on " + target.host(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    @Override
    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
    }

    /** Knows exactly one key: the pinned one. */
    private static final class PinnedHostKey implements HostKeyRepository {

        private final byte[] key;
        /** The key the host offered, once it did. */
        private byte[] offered;

        PinnedHostKey(SshTarget target) {
            this.key = HostKeyLine.parse(target.hostKey()).blob();
        }

        @Override
        public int check(String host, byte[] offered) {
            this.offered = offered.clone();
            return changed() ? CHANGED : OK;
        }

        boolean changed() {
            return !java.util.Arrays.equals(key, offered);
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // Never learn a key.
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            try {
                return new HostKey[]{new HostKey(host, key)};
            } catch (JSchException e) {
                return new HostKey[0];
            }
        }
    }

    private static final class NoPrompts implements UserInfo {
        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public boolean promptPassword(String message) {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }
    }
}
