package io.binarybosh.operator;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Pairs for tests, built in code so that each test changes only what it is about. */
public final class TestPairs {

    private TestPairs() {
    }

    public static BinaryBoshPair pair(String primaryUrl, String metaUrl) {
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.setMetadata(new ObjectMetaBuilder().withName("bosh").withNamespace("bosh-system").withGeneration(1L)
                .build());
        BinaryBoshPairSpec spec = new BinaryBoshPairSpec();
        spec.setPrimary(director(primaryUrl, "bosh-primary", "primary-director"));
        spec.setMeta(director(metaUrl, "bosh-meta", "meta-director"));
        pair.setSpec(spec);
        return pair;
    }

    public static ManagedDirectorSpec director(String url, String deployment, String secret) {
        ManagedDirectorSpec director = new ManagedDirectorSpec();
        director.setUrl(url);
        director.setDeployment(deployment);
        director.setCaSecretRef(new SecretKeyRef(secret, "ca.crt"));
        director.setCredentialsSecretRef(new SecretRef(secret));
        return director;
    }

    public static BinaryBoshPair withMicro(BinaryBoshPair pair, String microUrl) {
        MicroDirectorSpec micro = new MicroDirectorSpec();
        micro.setUrl(microUrl);
        micro.setCaSecretRef(new SecretKeyRef("micro-director", null));
        micro.setCredentialsSecretRef(new SecretRef("micro-director"));
        SshSpec ssh = new SshSpec();
        ssh.setHost("127.0.0.3");
        ssh.setUser("jumpbox");
        ssh.setPrivateKeySecretRef(new SecretKeyRef("micro-ssh", "ssh-privatekey"));
        ssh.setHostKeySecretRef(new SecretKeyRef("micro-ssh", "known_hosts"));
        micro.setSsh(ssh);
        BootstrapSpec bootstrap = new BootstrapSpec();
        bootstrap.setMicro(micro);
        pair.getSpec().setBootstrap(bootstrap);
        return pair;
    }
}
