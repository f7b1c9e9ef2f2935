package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.Map;

/**
 * A pair declared before the migration on an in-JVM world: the Micro's ssh Secret holds a key never used, for tests
 * whose preflight refuses before any shell is opened.
 */
final class MicroWithoutShell {

    private MicroWithoutShell() {
    }

    static void declare(OperatorUnderTest operator, World world) throws Exception {
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.client().secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("micro-ssh").withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                .withStringData(Map.of("ssh-privatekey", io.binarybosh.operator.shell.DerivedSshKey.derive("unused",
                                "unused", "unused").privateKeyPem(),
                        "known_hosts", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVudXNlZHVudXNlZHVudXNlZHVudXNlZHVudXNl"))
                .build()).create();
        operator.createPair(world, spec -> {
            spec.setApproval(ApprovalMode.Manual);
            MicroDirectorSpec micro = new MicroDirectorSpec();
            micro.setUrl(world.endpoint("micro").url());
            micro.setCaSecretRef(new SecretKeyRef("micro-director", "ca.crt"));
            micro.setCredentialsSecretRef(new SecretRef("micro-director"));
            SshSpec access = new SshSpec();
            access.setHost(world.endpoint("micro").address());
            access.setPort(22);
            access.setUser("jumpbox");
            access.setPrivateKeySecretRef(new SecretKeyRef("micro-ssh", "ssh-privatekey"));
            access.setHostKeySecretRef(new SecretKeyRef("micro-ssh", "known_hosts"));
            micro.setSsh(access);
            BootstrapSpec bootstrap = new BootstrapSpec();
            bootstrap.setMicro(micro);
            spec.setBootstrap(bootstrap);
        });
    }
}
