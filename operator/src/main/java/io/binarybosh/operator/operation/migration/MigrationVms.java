package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.model.VmAccessSpec;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.CommandResult;
import io.binarybosh.operator.shell.DerivedSshKey;
import io.binarybosh.operator.shell.HostKeyLine;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.SshTarget;
import io.binarybosh.operator.shell.VmCommands;
import io.binarybosh.operator.shell.WorkDir;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The migration's ways onto the three VMs: the Micro through its jumpbox, Primary and Meta through bosh ssh access
 * that preflight set up with keys derived from the Micro's (so a restarted operator derives them again), and the
 * commands and paths every step uses.
 */
final class MigrationVms {

    static final Duration COMMAND = Duration.ofSeconds(60);
    static final Duration SSH_SETUP = Duration.ofMinutes(5);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private MigrationVms() {
    }

    static Shell micro(OperationContext context) {
        return context.shells().micro(context.pair());
    }

    /** A shell on Primary's or Meta's VM through the access preflight recorded. */
    static Shell shell(OperationContext context, DirectorRole role) {
        ShellAccessStatus access = access(context.pair(), role);
        if (access == null) {
            throw new ShellException("no ssh access to " + role.displayName() + "'s VM is recorded");
        }
        OperationStatus operation = context.operation();
        DerivedSshKey key = key(context, operation, role.fieldName(), ephemeralUser(operation));
        try {
            return context.shells().open(new SshTarget(access.getHost(), access.getPort(), access.getUser(),
                    key.privateKeyPem(), access.getHostKey()));
        } catch (ShellException e) {
            throw new VmAccessLost(role, access, e);
        }
    }

    static ShellAccessStatus access(BinaryBoshPair pair, DirectorRole role) {
        List<ShellAccessStatus> all = pair.getStatus().getMigration().getShellAccess();
        return all == null ? null : all.stream().filter(a -> role.fieldName().equals(a.getRole())).findFirst()
                .orElse(null);
    }

    static DerivedSshKey key(OperationContext context, OperationStatus operation, String purpose, String comment) {
        return DerivedSshKey.derive(context.shells().microTarget(context.pair()).privateKey(),
                operation.getId() + "/" + purpose, comment);
    }

    /** The bosh ssh user of this migration: a director accepts such names, and cleanup matches it exactly. */
    static String ephemeralUser(OperationStatus operation) {
        String id = operation.getId();
        return "bosh_bbo" + id.substring(Math.max(0, id.length() - 8)).replace("-", "");
    }

    /**
     * Sets up bosh ssh access to a director's VM through the director managing it. The agent's useradd fails for a
     * user that exists (bosh-agent platform/linux_platform.go CreateUser): a setup of this operation that succeeded
     * before a restart or a failed step left one. Cleanup of a user that does not exist does nothing, so it goes first.
     */
    static ShellAccessStatus openAccess(OperationContext context, DirectorRole role, DirectorClient manager,
                                        String deployment, Optional<Instance> instance) {
        OperationStatus operation = context.operation();
        if (instance.isEmpty() || instance.get().id() == null) {
            throw new DirectorException("the director managing " + role.displayName() + " shows no instance of '"
                    + deployment + "' to open ssh access to");
        }
        DerivedSshKey key = key(context, operation, role.fieldName(), ephemeralUser(operation));
        var target = io.binarybosh.operator.director.model.SshTarget.instance(instance.get().job(),
                instance.get().id());
        long cleanup = manager.sshCleanup(deployment, target, ephemeralUser(operation), ContextId.of(operation.getId()));
        manager.waitForTask(cleanup, SSH_SETUP);
        List<SshHostResult> results = manager.sshSetup(deployment, target, ephemeralUser(operation),
                key.publicKeyLine(), ContextId.of(operation.getId()), SSH_SETUP);
        SshHostResult result = results.stream().filter(SshHostResult::isSuccess).findFirst().orElseThrow(() ->
                new DirectorException("ssh setup on '" + deployment + "' did not succeed: " + results));
        if (result.gatewayHost() != null && !result.gatewayHost().isBlank()) {
            throw new DirectorException("the director managing " + role.displayName() + " hands out ssh access "
                    + "through the gateway " + result.gatewayUser() + "@" + result.gatewayHost()
                    + " (director.default_ssh_options); the operator does not connect through a gateway: it needs "
                    + "to reach " + result.ip() + " directly");
        }
        VmAccessSpec vm = vmAccess(context.pair());
        ShellAccessStatus access = new ShellAccessStatus();
        access.setRole(role.fieldName());
        access.setHost(result.ip());
        access.setPort(vm.getSshPort() == null ? 22 : vm.getSshPort());
        access.setUser(vm.getLoginUser() != null ? vm.getLoginUser() : ephemeralUser(operation));
        access.setHostKey(result.hostPublicKey());
        access.setVmCid(instance.get().cid());
        return access;
    }

    static String knownHostsLine(String host, Integer port, String hostKey) {
        String key = HostKeyLine.parse(hostKey).typeAndKey();
        String name = port == null || port == 22 ? host : "[" + host + "]:" + port;
        return name + " " + key;
    }

    static String copyDir(OperationStatus operation) {
        return WorkDir.of(operation.getId());
    }

    static String expect(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new ShellException(what + " exited " + result.exitCode() + ": " + result.stderr().trim());
        }
        return result.stdout();
    }

    static long bytes(String output) {
        try {
            return Long.parseLong(output.trim());
        } catch (NumberFormatException e) {
            throw new ShellException("expected a number of bytes, got '" + output.trim() + "'");
        }
    }

    static Instant stepStarted(OperationStatus operation) {
        return Instant.parse(operation.getStepStartedTime());
    }

    /** The operation's start, as a folder name's suffix. */
    static String stamp(OperationStatus operation) {
        return STAMP.format(Instant.parse(operation.getStartedTime()));
    }

    static VmAccessSpec vmAccess(BinaryBoshPair pair) {
        VmAccessSpec vm = pair.getSpec().getBootstrap().getVmAccess();
        return vm == null ? new VmAccessSpec() : vm;
    }

    static VmCommands commands(BinaryBoshPair pair) {
        return new VmCommands(!Boolean.FALSE.equals(vmAccess(pair).getSudo()));
    }

    static String microStore(BinaryBoshPair pair) {
        return pair.getSpec().getBootstrap().getMicro().getStorePath();
    }

    static String metaStore(BinaryBoshPair pair) {
        return pair.getSpec().getMeta().getStorePath();
    }

    /** The result of work done beside the step's own, its exception rethrown as the step's. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits for work done beside a step that failed, so that none of it outlives the step; its outcome is moot. */
    static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException | CancellationException ignored) {
            // the step's own failure is the one reported
        }
    }
}
