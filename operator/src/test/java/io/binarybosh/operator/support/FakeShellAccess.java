package io.binarybosh.operator.support;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.operation.ShellAccess;
import io.binarybosh.operator.shell.HostKeyChangedException;
import io.binarybosh.operator.shell.HostKeyLine;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.SshTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shells on the three director VMs: the Micro through its jumpbox, Primary's and Meta's by the host their ssh setup
 * answered, the pinned host key checked as SshShell does. Records each login; a VM can be made unreachable.
 */
public final class FakeShellAccess implements ShellAccess {

    /** The Micro's pinned host key, as its known_hosts Secret holds it. */
    public static final String MICRO_HOST_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@micro";

    public final FakeShell micro;
    private final Map<String, FakeShell> byHost = new LinkedHashMap<>();
    private final Map<String, String> hostKeys = new LinkedHashMap<>();
    private final List<String> logins = new ArrayList<>();
    private final List<String> unreachable = new ArrayList<>();

    public FakeShellAccess(FakeShell micro) {
        this.micro = micro;
    }

    /** The VM that answers ssh at {@code host} with its host key, as its director's ssh setup reports it. */
    public FakeShellAccess vm(String host, FakeShell shell, String hostKey) {
        byHost.put(host, shell);
        hostKeys.put(host, hostKey);
        return this;
    }

    /** The VM at {@code host} was recreated: it answers with a new host key. */
    public void recreated(String host, String newHostKey) {
        hostKeys.put(host, newHostKey);
    }

    /** ssh to {@code name} (micro, or a host) fails from now on. */
    public void unreachable(String name) {
        unreachable.add(name);
    }

    public void reachable() {
        unreachable.clear();
    }

    public List<String> logins() {
        return List.copyOf(logins);
    }

    @Override
    public Shell micro(BinaryBoshPair pair) {
        return login("micro", micro);
    }

    @Override
    public SshTarget microTarget(BinaryBoshPair pair) {
        return new SshTarget("127.0.0.3", 22, "jumpbox", "the Micro's jumpbox private key", MICRO_HOST_KEY);
    }

    @Override
    public Shell open(SshTarget target) {
        FakeShell shell = byHost.get(target.host());
        if (shell == null) {
            throw new ShellException("no VM answers ssh at " + target.host());
        }
        if (unreachable.contains(target.host())) {
            throw new ShellException("ssh to " + target.host() + ": connection refused");
        }
        HostKeyLine pinned = HostKeyLine.parse(target.hostKey());
        HostKeyLine offered = HostKeyLine.parse(hostKeys.get(target.host()));
        if (!pinned.typeAndKey().equals(offered.typeAndKey())) {
            throw new HostKeyChangedException(target.host(), target.port(), pinned.fingerprint(),
                    offered.fingerprint(), null);
        }
        logins.add(target.user() + "@" + target.host() + " pinned " + target.hostKey());
        return login(target.host(), shell);
    }

    private Shell login(String name, FakeShell shell) {
        if (unreachable.contains(name)) {
            throw new ShellException("ssh to " + name + ": connection refused");
        }
        return shell;
    }
}
