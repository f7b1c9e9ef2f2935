package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults on a pair in mutual management, as a person would follow them: the pair and its Secrets applied with
 * kubectl, the status read with {@code kubectl get -o json}, and every claim checked on the world itself (VM
 * inventory, store data, tasks on each director). One world and one operator for the whole class, to keep CI time
 * modest: each test starts from a Ready pair and leaves one, except the last, which loses both directors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlFaultsTest {

    private static final String NS = OperatorUnderTest.NAMESPACE;
    private static final String PAIR = "bosh";
    private static final String WRONG_SECRET = "rotated-too-early";
    private static final Duration LONG = Duration.ofSeconds(90);

    private World world;
    private OperatorUnderTest operator;
    private Kubectl kubectl;
    private Directors directors;

    @BeforeAll
    void mutuallyManagedPairAppliedWithKubectl(@TempDir Path dir) {
        Assumptions.assumeTrue(Kubectl.DEFAULT_EXECUTABLE.toFile().canExecute(), "kubectl is not installed");
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        directors = new Directors(world);
        operator = new OperatorUnderTest();
        kubectl = operator.kubectl();
        operator.mustNotLeak(world);
        operator.mustNotLeak(WRONG_SECRET);
        operator.start();
        apply(String.join("---\n", PairYaml.directorSecret(world.endpoint("primary")),
                PairYaml.directorSecret(world.endpoint("meta")),
                PairYaml.pair(world, PAIR, spec -> PairYaml.obj(spec, "health").put("forceRecreateAfterSeconds", 60))));
        awaitReady();
    }

    @AfterAll
    void closeOperatorAndWorld() {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(300)
    void tenKillsAlternatingAreEachResurrectedByThePeerWithNoDataLost() {
        Map<String, String> stores = fingerprints();
        Map<String, Integer> healthMonitorFixes = Map.of(
                "primary", directors.tasks("meta", "bosh-primary", "scan and fix").size(),
                "meta", directors.tasks("primary", "bosh-meta", "scan and fix").size());
        List<String> workloadVms = world.deploymentVms("zookeeper").stream().map(Vm::cid).toList();

        for (int kill = 0; kill < 10; kill++) {
            String role = kill % 2 == 0 ? "primary" : "meta";
            Vm old = world.directorVm(role).orElseThrow();
            world.faults().killDirectorVm(role);
            await("a new VM for " + role + " after kill " + (kill + 1)).atMost(LONG)
                    .until(() -> world.directorVm(role).filter(vm -> !vm.cid().equals(old.cid())).isPresent());
            Vm resurrected = world.directorVm(role).orElseThrow();
            assertThat(resurrected.diskCid()).as("the same persistent disk").isEqualTo(old.diskCid());
            await("the status shows " + role + " back on its new VM after kill " + (kill + 1)).atMost(LONG)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        JsonNode status = status();
                        return ready(status) && resurrected.cid().equals(status.path(role).path("vmCid").asText());
                    });
        }

        assertThat(fingerprints()).as("every director's data after ten resurrections").isEqualTo(stores);
        assertThat(world.deploymentVms("zookeeper").stream().map(Vm::cid).toList()).isEqualTo(workloadVms);
        assertThat(directors.tasks("meta", "bosh-primary", "scan and fix"))
                .as("Meta's health monitor resurrected Primary")
                .hasSize(healthMonitorFixes.get("primary") + 5);
        assertThat(directors.tasks("primary", "bosh-meta", "scan and fix"))
                .as("Primary's health monitor resurrected Meta")
                .hasSize(healthMonitorFixes.get("meta") + 5);
        JsonNode status = status();
        assertThat(status.path("history")).as("the operator only watched").isEmpty();
        assertThat(eventReasons()).doesNotContain("RepairStarted");
        for (String role : List.of("primary", "meta")) {
            assertThat(operator.meters().find("binarybosh.detection").tag("role", role).timer())
                    .as("the time to detect a dead %s is measured", role).isNotNull()
                    .satisfies(timer -> assertThat(timer.count()).isPositive());
        }
    }

    @Test
    @Order(2)
    void directorsAnswering500sSlowlyOrNotAtAllAreReportedNeverRecreated() {
        patchHealth("{\"forceRecreateAfterSeconds\":3}");
        Map<String, String> vms = directorVmCids();
        int operatorScans = operatorTasks();

        world.faults().failWith500("primary");
        awaitStatus(status -> is(status, "PrimaryHealthy", "False") && is(status, "Blocked", "True", "ApiFrozen"));
        world.faults().heal("primary");
        awaitReady();

        world.faults().slow("meta", Duration.ofMillis(300));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready(status()));
        assertThat(world.requests("meta").stream().filter(r -> r.path().equals("/info")).count()).isPositive();
        world.faults().heal("meta");

        world.faults().freeze("meta");
        awaitStatus(status -> is(status, "MetaHealthy", "False", "ApiNotAnswering")
                && is(status, "Blocked", "True", "ApiFrozen"));
        assertThat(condition(status(), "Blocked").path("message").asText()).contains("does not recreate a VM");
        world.faults().heal("meta");
        awaitReady();

        assertThat(directorVmCids()).as("no director VM was recreated").isEqualTo(vms);
        assertThat(operatorTasks()).as("the operator started no task").isEqualTo(operatorScans);
        patchHealth("{\"forceRecreateAfterSeconds\":60}");
    }

    @Test
    @Order(3)
    void aSecretRotatedWrongThenRightIsReportedThenForgotten() {
        int operatorScans = operatorTasks();
        var primary = world.endpoint("primary");
        apply(PairYaml.secret("primary-director", Map.of("ca.crt", primary.caCert(), "client", primary.client(),
                "clientSecret", WRONG_SECRET)));
        awaitStatus(status -> is(status, "PrimaryReachable", "False", "CredentialsRejected")
                && is(status, "PrimaryHealthy", "Unknown", "NotObservable") && !ready(status));
        assertThat(status().path("primary").path("state").asText()).isEqualTo("Unauthenticated");
        awaitEvent("CredentialsRejected");

        apply(PairYaml.directorSecret(primary));
        awaitReady();
        assertThat(is(status(), "PrimaryReachable", "True", "DirectorAnswered")).isTrue();
        assertThat(operatorTasks()).isEqualTo(operatorScans);
    }

    @Test
    @Order(4)
    void whenMetasHealthMonitorIsSilencedTheOperatorRepairsPrimaryOnce() {
        directors.silenceResurrectionOf("meta", "bosh-primary");
        patchHealth("{\"forceRecreateAfterSeconds\":3}");
        String store = fingerprints().get("primary");
        int scans = directors.tasksByAdmin("meta", "bosh-primary", "scan cloud").size();
        int resolutions = directors.tasksByAdmin("meta", "bosh-primary", "apply resolutions").size();
        int fixes = directors.tasks("meta", "bosh-primary", "scan and fix").size();
        Vm old = world.directorVm("primary").orElseThrow();

        world.faults().killDirectorVm("primary");
        awaitStatus(status -> StreamSupport.stream(status.path("history").spliterator(), false)
                .anyMatch(record -> "Repair".equals(record.path("type").asText())));
        JsonNode repair = status().path("history").get(0);
        assertThat(repair.path("result").asText()).as(repair.path("message").asText()).isEqualTo("Succeeded");
        // not Ready: the resurrection config on Meta stops its health monitor, and the operator says so
        awaitStatus(status -> is(status, "PrimaryHealthy", "True", "Answering")
                && is(status, "MutuallyManaged", "True", "EachManagesTheOther")
                && is(status, "ResurrectionEnabled", "False", "ResurrectionConfigDisables"));

        Vm resurrected = world.directorVm("primary").orElseThrow();
        assertThat(resurrected.cid()).isNotEqualTo(old.cid());
        assertThat(status().path("primary").path("vmCid").asText()).isEqualTo(resurrected.cid());
        assertThat(status().path("primary").path("repairAttempts").asInt()).isEqualTo(1);
        assertThat(fingerprints().get("primary")).isEqualTo(store);
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "scan cloud")).hasSize(scans + 1);
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "apply resolutions")).hasSize(resolutions + 1);
        assertThat(directors.tasks("meta", "bosh-primary", "scan and fix")).as("the silenced health monitor")
                .hasSize(fixes);
        assertThat(eventReasons().stream().filter("RepairStarted"::equals)).hasSize(1);
        assertThat(eventReasons().stream().filter("RepairSucceeded"::equals)).hasSize(1);
    }

    /** Follows the previous test: Meta's health monitor is still silenced, forceRecreateAfterSeconds still 3. */
    @Test
    @Order(5)
    void aTaskStuckOnPrimarysDeploymentBlocksTheRepairUntilTheOperatorMayCancelIt() {
        long stuck = world.faults().stickTask("meta", "bosh-primary", Duration.ofMinutes(31));
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        world.faults().killDirectorVm("primary");
        awaitStatus(status -> is(status, "Blocked", "True", "DeploymentLockedByStuckTask"));
        assertThat(condition(status(), "Blocked").path("message").asText())
                .contains("task " + stuck, "cancelStuckTasks");
        awaitEvent("DeploymentLockedByStuckTask");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> world.directorVm("primary").isEmpty()
                        && "processing".equals(meta.get("/tasks/" + stuck).json().path("state").asText()));

        patchHealth("{\"cancelStuckTasks\":true}");
        // Meta's health monitor is still silenced by its resurrection config, so the pair is not Ready: the rest is
        awaitStatus(status -> is(status, "PrimaryHealthy", "True", "Answering")
                && is(status, "MutuallyManaged", "True", "EachManagesTheOther") && history(status).contains("Repair")
                && history(status).contains("CancelStuckTask"));
        assertThat(meta.get("/tasks/" + stuck).json().path("state").asText()).isEqualTo("cancelled");
        assertThat(world.directorVm("primary")).isPresent();
        assertThat(status().path("primary").path("repairAttempts").asInt()).isEqualTo(2);
        awaitEvent("StuckTaskCancelled");
    }

    @Test
    @Order(6)
    void bothKilledIsLostAndNothingIsTried() {
        int repairs = (int) eventReasons().stream().filter("RepairStarted"::equals).count();
        world.faults().killDirectorVm("primary");
        world.faults().killDirectorVm("meta");
        awaitStatus(status -> "Lost".equals(status.path("phase").asText()) && is(status, "Blocked", "True", "Lost"));
        assertThat(condition(status(), "Blocked").path("message").asText()).contains("A person must");

        int vms = world.iaas().vms().size();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode status = status();
                    return "Lost".equals(status.path("phase").asText()) && status.path("operation").isMissingNode()
                            && world.directorVm("primary").isEmpty() && world.directorVm("meta").isEmpty()
                            && world.iaas().vms().size() == vms;
                });
        awaitEvent("Lost");
        assertThat(eventReasons().stream().filter("Lost"::equals)).hasSize(1);
        assertThat(eventReasons().stream().filter("RepairStarted"::equals)).hasSize(repairs);
    }

    // ---- what a person would type, and what they would look at ----

    private void apply(String yaml) {
        kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-").orThrow();
    }

    private void patchHealth(String health) {
        kubectl.run("patch", "bbp", PAIR, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"health\":" + health + "}}")
                .orThrow();
    }

    private JsonNode status() {
        return PairYaml.json(kubectl.run("get", "bbp", PAIR, "-n", NS, "-o", "json").orThrow().stdout())
                .path("status");
    }

    private List<String> eventReasons() {
        JsonNode events = PairYaml.json(kubectl.run("get", "events", "-n", NS, "-o", "json").orThrow().stdout());
        return StreamSupport.stream(events.path("items").spliterator(), false)
                .filter(event -> PAIR.equals(event.at("/involvedObject/name").asText()))
                .map(event -> event.path("reason").asText())
                .toList();
    }

    /** Events follow the status write they announce: a status just seen may not have its event yet. */
    private void awaitEvent(String reason) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> eventReasons().contains(reason));
    }

    private void awaitReady() {
        awaitStatus(KubectlFaultsTest::ready);
    }

    private void awaitStatus(java.util.function.Predicate<JsonNode> condition) {
        Callable<Boolean> check = () -> condition.test(status());
        await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(check);
    }

    private static boolean ready(JsonNode status) {
        return is(status, "Ready", "True") && "MutuallyManaged".equals(status.path("phase").asText());
    }

    /** The types of the operations in the status history, newest first. */
    private static List<String> history(JsonNode status) {
        return StreamSupport.stream(status.path("history").spliterator(), false)
                .map(record -> record.path("type").asText()).toList();
    }

    private static JsonNode condition(JsonNode status, String type) {
        return StreamSupport.stream(status.path("conditions").spliterator(), false)
                .filter(c -> type.equals(c.path("type").asText())).findFirst()
                .orElse(PairYaml.JSON.createObjectNode());
    }

    private static boolean is(JsonNode status, String type, String value) {
        return value.equals(condition(status, type).path("status").asText());
    }

    private static boolean is(JsonNode status, String type, String value, String reason) {
        return is(status, type, value) && reason.equals(condition(status, type).path("reason").asText());
    }

    private Map<String, String> fingerprints() {
        return Map.of("primary", StoreFingerprint.of(world.directorVm("primary").orElseThrow().diskPath()),
                "meta", StoreFingerprint.of(world.directorVm("meta").orElseThrow().diskPath()));
    }

    private Map<String, String> directorVmCids() {
        return Map.of("primary", world.directorVm("primary").orElseThrow().cid(),
                "meta", world.directorVm("meta").orElseThrow().cid());
    }

    /** Tasks the operator (admin) started on either director about the other one's deployment. */
    private int operatorTasks() {
        return directors.tasksByAdmin("meta", "bosh-primary", "scan cloud").size()
                + directors.tasksByAdmin("meta", "bosh-primary", "apply resolutions").size()
                + directors.tasksByAdmin("primary", "bosh-meta", "scan cloud").size()
                + directors.tasksByAdmin("primary", "bosh-meta", "apply resolutions").size();
    }

}
