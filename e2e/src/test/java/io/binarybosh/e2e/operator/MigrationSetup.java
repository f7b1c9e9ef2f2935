package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.binarybosh.operator.model.VmAccessSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

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
    public static Run migrate(World world, Duration timeout) throws IOException {
        try (OperatorUnderTest operator = new OperatorUnderTest()) {
            declare(operator, world, ApprovalMode.Automatic);
            operator.start();
            long[] copyStarted = {0};
            long[] copied = {0};
            long[] verified = {0};
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                var pair = operator.pair();
                var op = pair == null || pair.getStatus() == null ? null : pair.getStatus().getOperation();
                String step = op == null ? "" : op.getStep();
                if (copyStarted[0] == 0 && step.equals("CopyingStore")) {
                    copyStarted[0] = System.nanoTime();
                }
                if (copyStarted[0] != 0 && copied[0] == 0 && !step.equals("CopyingStore")) {
                    copied[0] = System.nanoTime();
                }
                if (copyStarted[0] != 0 && verified[0] == 0 && !step.equals("CopyingStore")
                        && !step.equals("VerifyingCopy")) {
                    verified[0] = System.nanoTime();
                }
                return operator.is("Migrated", "True");
            });
            return new Run(operator.pair().getStatus().getMigration(),
                    Duration.ofNanos(verified[0] - copyStarted[0]), Duration.ofNanos(copied[0] - copyStarted[0]));
        }
    }
}
