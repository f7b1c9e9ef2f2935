package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.binarybosh.e2e.sim.director.DirectorConfig;
import io.binarybosh.e2e.sim.director.Manifest;
import io.binarybosh.e2e.sim.world.CertificateAuthority;
import io.binarybosh.e2e.sim.world.DirectorManifest;
import io.binarybosh.e2e.sim.world.DirectorSpec;
import io.binarybosh.e2e.sim.world.WorldSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A director's configuration comes from its manifest properties, rendered from the world description. */
class DirectorManifestTest {
    @Test
    void worldSettingsReachTheDirectorAndItsHealthMonitor() {
        WorldSpec spec = WorldSpec.parse("""
                directors:
                  meta: {name: meta-bosh, deployedBy: primary, deployment: bosh-meta, auth: basic, secret: s,
                         resurrector: true, autoFixStatefulNodes: false, minimumDownJobs: 1, percentThreshold: 0.5,
                         timeThreshold: 300, hmIntervals: {agent_timeout: 90, poll_director: 20}}
                """);
        DirectorSpec meta = spec.directors().get("meta");
        CertificateAuthority ca = new CertificateAuthority("test-ca");
        DirectorManifest manifests = new DirectorManifest(ca.caPem());
        Map<String, Object> properties = manifests.properties(meta, "127.0.9.4", 25555, ca.serverCertificate("127.0.9.4"));
        String yaml = manifests.manifest(meta, "127.0.9.4", properties, "ubuntu-noble");

        Manifest parsed = Manifest.parse(yaml);
        assertThat(parsed.name()).isEqualTo("bosh-meta");
        assertThat(parsed.instanceGroups().get(0).staticIps()).containsExactly("127.0.9.4");
        assertThat(parsed.instanceGroups().get(0).persistentDiskMb()).isPositive();
        assertThat(parsed.instanceGroups().get(0).jobs()).extracting(j -> j.name())
                .containsExactly("nats", "postgres", "blobstore", "director", "health_monitor");

        DirectorConfig config = DirectorConfig.fromProperties(parsed.instanceGroups().get(0).jobs().get(3).properties(),
                "127.0.9.4", true);
        assertThat(config.name()).isEqualTo("meta-bosh");
        assertThat(config.uaa()).isFalse();
        assertThat(config.secrets()).containsEntry("admin", "s").containsKey("hm");
        assertThat(config.autoFixStatefulNodes()).isFalse();
        assertThat(config.hm().resurrectorEnabled()).isTrue();
        assertThat(config.hm().minimumDownJobs()).isEqualTo(1);
        assertThat(config.hm().percentThreshold()).isEqualTo(0.5);
        assertThat(config.hm().timeThreshold()).isEqualTo(300);
        assertThat(config.hm().agentTimeout()).isEqualTo(90);
        assertThat(config.hm().pollDirector()).isEqualTo(20);
        assertThat(config.hm().analyzeAgents()).isEqualTo(60);
        assertThat(config.url()).isEqualTo("https://127.0.9.4:25555");
        assertThat(config.certificatePem()).contains("BEGIN CERTIFICATE");
    }
}
