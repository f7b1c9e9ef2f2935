package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.binarybosh.operator.model.VmAccessSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;


/**
 * A pair declared for the migration of a process-mode world: the three directors' Secrets, the Micro's ssh Secret
 * (the world's jumpbox key and the Micro's host key), and the spec that logs into the simulated VMs
 * as stemcells allow (the jumpbox user on the Micro, ephemeral bosh_ users on Primary and Meta, sudo, the world's ssh
 * port, /var/vcap/store as on a real VM).
 */
public final class MigrationSetup {

    private MigrationSetup() {
    }

    /** Declares the pair on the operator's API (which need not run yet), with kubectl where it is installed. */
    static void declare(OperatorUnderTest operator, World world, ApprovalMode approval) throws IOException {
        operator.secretsFor(world, "primary", "meta", "micro");
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        operator.client().secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("micro-ssh").withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                .withStringData(Map.of("ssh-privatekey", Files.readString(ssh.privateKey()),
                        "known_hosts", ssh.hostKey()))
                .build()).create();
        operator.applyPair(world, spec -> bootstrap(spec, world, ssh, approval));
    }

    /** The bootstrap part of the spec, for a world in process mode. */
    static void bootstrap(BinaryBoshPairSpec spec, World world, SshEndpoint ssh, ApprovalMode approval) {
        spec.setApproval(approval);
        // inside a simulated VM, /var/vcap is the VM's own (its mount namespace): paths read as on a real VM
        spec.getMeta().setStorePath("/var/vcap/store");
        MicroDirectorSpec micro = new MicroDirectorSpec();
        micro.setUrl(world.endpoint("micro").url());
        micro.setCaSecretRef(new SecretKeyRef("micro-director", "ca.crt"));
        micro.setCredentialsSecretRef(new SecretRef("micro-director"));
        micro.setStorePath("/var/vcap/store");
        SshSpec access = new SshSpec();
        access.setHost(ssh.host());
        access.setPort(ssh.port());
        access.setUser(ssh.user());
        access.setPrivateKeySecretRef(new SecretKeyRef("micro-ssh", "ssh-privatekey"));
        access.setHostKeySecretRef(new SecretKeyRef("micro-ssh", "known_hosts"));
        micro.setSsh(access);
        // as on stemcells: the jumpbox user on the Micro, the director's ephemeral users elsewhere, sudo for all
        VmAccessSpec vms = new VmAccessSpec();
        vms.setSshPort(ssh.port());
        BootstrapSpec bootstrap = new BootstrapSpec();
        bootstrap.setMicro(micro);
        bootstrap.setVmAccess(vms);
        spec.setBootstrap(bootstrap);
    }

    /**
     * What a whole migration of the world showed, with the times the copy started and was verified.
     *
     * @param copy the step {@code CopyingStore} alone (until {@code VerifyingCopy} appeared)
     */
    public record Run(MigrationStatus migration, Duration copyAndVerify, Duration copy) {
    }

    /**
     * Runs the operator's migration of a process-mode world of Micro, Primary and Meta to the end, and times its
     * copy and verification as the operator experiences them: from the step {@code CopyingStore} appearing in status
     * to {@code StartingMeta} (the copy is followed at the operator's pace, one look per reconcile).
     */
    public static Run migrate(World world, Duration timeout) throws Exception {
        return migrate(world, timeout, null);
    }

    /** Starts an operator in a process of its own on the API of {@code kubeconfig}; closing the result stops it. */
    public interface OperatorStarter {
        AutoCloseable start(Path kubeconfig) throws IOException;
    }

    /** As {@link #migrate(World, Duration)}, with the operator started by {@code starter} (null: in this JVM). */
    public static Run migrate(World world, Duration timeout, OperatorStarter starter) throws Exception {
        try (OperatorUnderTest operator = new OperatorUnderTest()) {
            declare(operator, world, ApprovalMode.Automatic);
            try (AutoCloseable outside = starter == null ? null : starter.start(operator.kubeconfig())) {
                if (outside == null) {
                    operator.start();
                }
                return follow(operator, timeout);
            }
        }
    }

    /**
     * Follows the pair through a watch, so that the steps' times are those their writes reached the API at, and
     * nothing polls beside the copy (a GET every 50 ms cost this JVM about a fifth of a core on the two CPUs the
     * copy shares); a look every second as well, for what came before the watch.
     */
    private static Run follow(OperatorUnderTest operator, Duration timeout) throws InterruptedException {
        StepTimes times = new StepTimes();
        CountDownLatch migrated = new CountDownLatch(1);
        Watcher<BinaryBoshPair> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, BinaryBoshPair pair) {
                if (times.saw(pair)) {
                    migrated.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the looks every second go on
            }
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Watch watch = operator.client().resources(BinaryBoshPair.class).inNamespace(OperatorUnderTest.NAMESPACE)
                .withName(OperatorUnderTest.PAIR).watch(watcher)) {
            while (!migrated.await(1, TimeUnit.SECONDS)) {
                if (times.saw(operator.pair())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not migrated within " + timeout + "; last step "
                            + times.lastStep());
                }
            }
        }
        return times.run(operator.pair().getStatus().getMigration());
    }

    /** When the copy's steps first appeared, from the pair's versions as they are seen. */
    private static final class StepTimes {
        private long copyStarted;
        private long copied;
        private long verified;
        private String lastStep = "";

        /** Records {@code pair}'s step; true once it is migrated. */
        synchronized boolean saw(BinaryBoshPair pair) {
            long now = System.nanoTime();
            var op = pair == null || pair.getStatus() == null ? null : pair.getStatus().getOperation();
            String step = op == null ? "" : op.getStep();
            lastStep = step;
            if (copyStarted == 0 && step.equals("CopyingStore")) {
                copyStarted = now;
            }
            if (copyStarted != 0 && copied == 0 && !step.equals("CopyingStore")) {
                copied = now;
            }
            if (copyStarted != 0 && verified == 0 && !step.equals("CopyingStore") && !step.equals("VerifyingCopy")) {
                verified = now;
            }
            return pair != null && pair.getStatus() != null && pair.getStatus().getConditions() != null
                    && pair.getStatus().getConditions().stream().anyMatch(c -> "Migrated".equals(c.getType())
                    && "True".equals(c.getStatus()));
        }

        synchronized String lastStep() {
            return lastStep;
        }

        synchronized Run run(MigrationStatus migration) {
            return new Run(migration, Duration.ofNanos(verified - copyStarted), Duration.ofNanos(copied - copyStarted));
        }
    }
}
