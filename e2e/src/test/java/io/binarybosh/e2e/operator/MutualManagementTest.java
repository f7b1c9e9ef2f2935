package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator keeping a migrated pair mutually managed, against the simulated world: health monitors do their
 * work and the operator only records it; what they cannot do, the operator does, once. Kills, a silenced health
 * monitor and both directors lost are driven with kubectl in {@link KubectlFaultsTest}.
 */
class MutualManagementTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(60);


    private void mutualPair(String worldYaml) {
        world = TestWorlds.start(worldYaml, dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
    }

    private void awaitReady() {
        await().atMost(LONG).until(() -> operator.is("Ready", "True") && "MutuallyManaged".equals(operator.phase()));
    }

    @Test
    void pausedResurrectionIsUnpaused() {
        mutualPair(TestWorlds.THREE_DIRECTORS);
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
        operator.createPair(world, spec -> { });
        operator.start();
        await().atMost(LONG).until(() -> operator.pair().getStatus() != null
                && !operator.pair().getStatus().getHistory().isEmpty());
        OperationRecord unpause = operator.pair().getStatus().getHistory().get(0);
        assertThat(unpause.getType()).isEqualTo("UnpauseResurrection");
        assertThat(unpause.getResult()).isEqualTo("Succeeded");
        assertThat(meta.get("/resurrection").json().path("resurrection").asBoolean()).isTrue();
        awaitReady();
        operator.expectEvents("ResurrectionUnpaused", 1);
    }

    @Test
    void aResurrectorSwitchedOffInMetasManifestIsReported() {
        mutualPair(TestWorlds.THREE_DIRECTORS.replace(
                "meta: {name: meta-bosh, deployedBy: primary, deployment: bosh-meta, auth: basic,",
                "meta: {name: meta-bosh, resurrector: false, deployedBy: primary, deployment: bosh-meta, auth: basic,"));
        operator.createPair(world, spec -> { });
        operator.start();
        await().atMost(LONG).until(() -> operator.is("ResurrectionEnabled", "False", "ResurrectorDisabled"));
        assertThat(operator.condition("ResurrectionEnabled").orElseThrow().getMessage())
                .contains("Meta: hm.resurrector_enabled is false");
        assertThat(operator.is("Ready", "False", "ResurrectionNotEnabled")).isTrue();
        operator.expectEvents("ResurrectorDisabled", 1);
    }

    @Test
    void anOperatorKilledMidRepairStartsNoSecondTask() throws Exception {
        mutualPair(TestWorlds.THREE_DIRECTORS);
        new Directors(world).silenceResurrectionOf("meta", "bosh-primary");
        operator.createPair(world, spec -> spec.getHealth().setForceRecreateAfterSeconds(3));
        CountDownLatch scanned = new CountDownLatch(1);
        operator.start(dyingAfterScan(scanned));
        // the silenced health monitor is what the condition names; everything else is in place
        await().atMost(LONG).until(() -> operator.is("ResurrectionEnabled", "False", "ResurrectionConfigDisables")
                && operator.is("MutuallyManaged", "True") && operator.is("PrimaryHealthy", "True"));
        assertThat(operator.condition("ResurrectionEnabled").orElseThrow().getMessage())
                .contains("'silence' on Meta", "'bosh-primary'");
        world.faults().killDirectorVm("primary");
        assertThat(scanned.await(60, TimeUnit.SECONDS)).isTrue();
        operator.stop();
        BinaryBoshPair left = operator.pair();
        assertThat(left.getStatus().getOperation()).isNotNull();
        assertThat(left.getStatus().getOperation().getStep()).isEqualTo("Scanning");
        assertThat(left.getStatus().getOperation().getTaskId()).as("died before recording it").isNull();

        operator.start();
        await().atMost(LONG).until(() -> operator.pair().getStatus().getHistory().stream()
                .anyMatch(r -> "Repair".equals(r.getType())));
        assertThat(operator.pair().getStatus().getHistory().get(0).getResult()).isEqualTo("Succeeded");
        Directors directors = new Directors(world);
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "scan cloud")).hasSize(2);   // one by the migration
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "apply resolutions")).hasSize(2);
    }

    @Test
    void aDriftedManifestIsDeployedThroughThePeer() throws Exception {
        mutualPair(TestWorlds.THREE_DIRECTORS);
        BoshHttp primary = new BoshHttp(world.endpoint("primary"));
        primary.login();
        String deployed = primary.get("/deployments/bosh-meta").json().path("manifest").asText();
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(deployed);
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.path("instance_groups").get(0).path("properties")
                .path("hm")).putObject("resurrector").put("time_threshold", 601);
        String desired = yaml.writeValueAsString(manifest);
        operator.client().configMaps().inNamespace(OperatorUnderTest.NAMESPACE).resource(
                new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("meta-manifest")
                        .withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                        .withData(Map.of("manifest.yml", desired)).build()).create();
        operator.createPair(world, spec -> {
            var ref = new io.binarybosh.operator.model.ConfigMapKeyRef();
            ref.setName("meta-manifest");
            ref.setKey("manifest.yml");
            spec.getMeta().setManifestRef(ref);
        });
        operator.start();
        await().atMost(LONG).until(() -> operator.pair() != null && operator.pair().getStatus() != null
                && operator.pair().getStatus().getHistory().stream().anyMatch(r -> "Deploy".equals(r.getType())));
        OperationRecord deploy = operator.pair().getStatus().getHistory().get(0);
        assertThat(deploy.getResult()).as(deploy.getMessage()).isEqualTo("Succeeded");
        JsonNode now = yaml.readTree(primary.get("/deployments/bosh-meta").json().path("manifest").asText());
        assertThat(now).isEqualTo(manifest);
        awaitReady();
        operator.expectEvents("DeployStarted", 1);
        operator.expectEvents("DeploySucceeded", 1);
    }

    /** Clients whose first scan reaches the director and then the operator dies before it hears the answer. */
    private static DirectorClientFactory dyingAfterScan(CountDownLatch scanned) {
        DirectorClientFactory real = OperatorUnderTest.realDirectors();
        return endpoint -> {
            DirectorClient client = real.create(endpoint);
            return new DelegatingDirectorClient(client) {
                @Override
                public long scan(String deployment, ContextId contextId) {
                    long id = client.scan(deployment, contextId);
                    scanned.countDown();
                    throw new IllegalStateException("the operator process dies here, task " + id + " unrecorded");
                }
            };
        };
    }
}
