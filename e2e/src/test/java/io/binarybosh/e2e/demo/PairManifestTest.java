package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.kube.ProjectFiles;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.validate.SpecValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's manifests, applied with real kubectl to the embedded API as the demo does, describe the demo's world:
 * what keeps {@code bin/demo} working when the CRD or the world changes, without telling the whole story.
 */
@ExtendWith(ProcessWorldLock.class)
class PairManifestTest {

    @TempDir
    Path dir;
    private World world;
    private DemoCluster cluster;

    @BeforeEach
    void needsRootAndKubectl() {
        assumeTrue("root".equals(System.getProperty("user.name")), "process mode runs sshd and monit, which needs root");
        assumeTrue(Kubectl.DEFAULT_EXECUTABLE.toFile().canExecute(), "no /usr/bin/kubectl (bin/test installs it)");
    }

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theAppliedPairPointsAtTheWorldAndPassesTheOperatorsValidation() throws Exception {
        world = DemoWorld.start(0.02, dir.resolve("world"));
        cluster = DemoCluster.start(Kubectl.DEFAULT_EXECUTABLE);
        cluster.apply(ProjectFiles.crd());
        PairManifest.Written files = PairManifest.forWorld(world, Demo.NAMESPACE, Demo.PAIR).writeTo(dir);

        assertThat(cluster.apply(files.secrets()).stdout()).contains("secret/primary-director created",
                "secret/meta-director created", "secret/micro-director created", "secret/micro-ssh created");
        assertThat(cluster.apply(files.pair()).stdout()).contains("binaryboshpair.binarybosh.io/bosh created");

        assertThat(Files.getPosixFilePermissions(files.secrets()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        BinaryBoshPair pair = cluster.pair(Demo.NAMESPACE, Demo.PAIR);
        BinaryBoshPairSpec spec = pair.getSpec();
        assertThat(new SpecValidator().validate(spec)).isEmpty();
        SshEndpoint micro = world.ssh("micro").orElseThrow();
        assertThat(spec.getPrimary().getUrl()).isEqualTo(world.endpoint("primary").url());
        assertThat(spec.getMeta().getStorePath()).isEqualTo("/var/vcap/store");
        assertThat(spec.getBootstrap().getMicro().getStorePath()).isEqualTo("/var/vcap/store");
        assertThat(spec.getBootstrap().getMicro().getSsh().getUser()).isEqualTo("jumpbox");
        assertThat(spec.getBootstrap().getVmAccess().getLoginUser()).isNull();
        assertThat(spec.getBootstrap().getVmAccess().getSudo()).isTrue();
        assertThat(spec.getBootstrap().getMicro().getSsh().getHost()).isEqualTo(micro.host());
        assertThat(spec.getBootstrap().getVmAccess().getSshPort()).isEqualTo(micro.port());
    }
}
