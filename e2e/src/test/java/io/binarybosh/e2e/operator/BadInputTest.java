package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.kube.KubectlResult;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import okhttp3.tls.HeldCertificate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import static io.binarybosh.e2e.operator.PairYaml.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invalid pairs applied with real kubectl, all at once against one world and one operator: each is refused by the
 * schema (kubectl prints why, nothing is stored) or ends with a precise condition and an event of the same reason,
 * and no director is asked for anything beyond observation.
 */
class BadInputTest extends OperatorWorldTest {

    private static final String NS = OperatorUnderTest.NAMESPACE;
    private static final String WRONG_SECRET = "not-the-primary-secret";

    /** A pair the schema refuses, and what kubectl must print. */
    private record Refused(String name, Consumer<ObjectNode> spec, String message) {
    }

    /** A pair the schema takes and the operator must judge: the condition and event it must end with. */
    private record Judged(String name, Consumer<ObjectNode> spec, String type, String status, String reason) {
    }

    private Kubectl kubectl;

    @Test
    void everyBadPairIsRefusedOrJudgedPreciselyWithoutAnyDirectorAction() {
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        operator = new OperatorUnderTest();
        kubectl = operator.kubectl();
        Assumptions.assumeTrue(kubectl.available(), "kubectl is not installed");
        operator.mustNotLeak(WRONG_SECRET);
        operator.mustNotLeak(world);
        applySecrets();
        Map<String, Integer> tasksBefore = taskCounts();
        assertThat(tasksBefore.values()).as("the world's own tasks, so that a count can change").allMatch(n -> n > 0);
        Instant start = Instant.now();
        operator.start();

        SoftAssertions softly = new SoftAssertions();
        for (Refused refused : refused()) {
            KubectlResult result = kubectl.runWithInput(PairYaml.pair(world, refused.name(), refused.spec()),
                    "apply", "--validate=false", "-f", "-");
            softly.assertThat(result.succeeded()).as(refused.name() + " is refused").isFalse();
            softly.assertThat(result.stderr()).as(refused.name())
                    .contains("The BinaryBoshPair \"" + refused.name() + "\" is invalid")
                    .contains(refused.message());
        }
        KubectlResult badName = kubectl.runWithInput(PairYaml.pair(world, "Bosh_Pair", s -> { }), "apply",
                "--validate=false", "-f", "-");
        softly.assertThat(badName.stderr()).as("a name that is no DNS subdomain")
                .contains("metadata.name: Invalid value: \"Bosh_Pair\": a lowercase RFC 1123 subdomain");
        softly.assertThat(kubectl.run("get", "bbp", "-n", NS, "-o", "name").orThrow().stdout())
                .as("nothing refused was stored").isEmpty();

        List<Judged> judged = judged();
        for (Judged pair : judged) {
            kubectl.runWithInput(PairYaml.pair(world, pair.name(), pair.spec()), "apply", "--validate=false", "-f",
                    "-").orThrow();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode pairs = PairYaml.json(kubectl.run("get", "bbp", "-n", NS, "-o", "json").orThrow().stdout());
            JsonNode events = PairYaml.json(kubectl.run("get", "events", "-n", NS, "-o", "json").orThrow().stdout());
            SoftAssertions each = new SoftAssertions();
            for (Judged pair : judged) {
                each.assertThat(condition(pairs, pair.name(), pair.type()))
                        .as(pair.name() + " " + pair.type()).isEqualTo(pair.status() + "/" + pair.reason());
                each.assertThat(eventReasons(events, pair.name())).as(pair.name() + " events")
                        .contains(pair.reason());
            }
            each.assertAll();
        });
        // Judged, then watched a while longer: the operator has every chance to act, and must not.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> actions(start).isEmpty());
        softly.assertThat(actions(start)).as("requests beyond observation").isEmpty();
        softly.assertThat(world.requests("primary").stream().filter(r -> !r.at().isBefore(start))
                .filter(r -> r.path().equals("/info"))).as("the operator did look at Primary").isNotEmpty();
        softly.assertThat(taskCounts()).as("no director ran a task but reading VM states").isEqualTo(tasksBefore);
        OperatorUnderTest.ScanCoverage scanned = operator.scanned();
        softly.assertThat(scanned.logLines()).as("log lines the secret scan reads").isPositive();
        softly.assertThat(scanned.statusWrites()).as("status writes the secret scan reads").isGreaterThan(18);
        softly.assertThat(scanned.events()).as("events the secret scan reads").isGreaterThan(18);
        softly.assertAll();
    }

    private void applySecrets() {
        DirectorEndpoint primary = world.endpoint("primary");
        String foreignCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("someone else")
                .build().certificatePem();
        List<String> documents = new ArrayList<>();
        for (String key : List.of("primary", "meta", "micro")) {
            documents.add(PairYaml.directorSecret(world.endpoint(key)));
        }
        documents.add(PairYaml.secret("wrong-credentials", Map.of("client", primary.client(),
                "clientSecret", WRONG_SECRET)));
        documents.add(PairYaml.secret("no-client-secret", Map.of("client", primary.client())));
        documents.add(PairYaml.secret("empty-client", Map.of("client", " ", "clientSecret", WRONG_SECRET)));
        documents.add(PairYaml.secret("malformed-ca", Map.of("ca.crt", "this is not a certificate")));
        documents.add(PairYaml.secret("truncated-ca", Map.of("ca.crt",
                primary.caCert().substring(0, primary.caCert().length() / 2) + "\n-----END CERTIFICATE-----\n")));
        documents.add(PairYaml.secret("foreign-ca", Map.of("ca.crt", foreignCa)));
        documents.add(PairYaml.configMap("broken-manifest", Map.of("manifest.yml", "name: [unclosed")));
        kubectl.runWithInput(String.join("---\n", documents), "apply", "--validate=false", "-f", "-").orThrow();
    }

    private List<Refused> refused() {
        String primaryUrl = world.endpoint("primary").url();
        return List.of(
                new Refused("same-url", s -> obj(s, "meta").put("url", primaryUrl),
                        "primary and meta must be different directors: their urls are equal"),
                new Refused("same-deployment", s -> obj(s, "meta").put("deployment", "bosh-primary"),
                        "primary and meta must have different deployment names"),
                new Refused("micro-is-primary", s -> s.set("bootstrap", microAt(primaryUrl)),
                        "bootstrap.micro must be a third director"),
                new Refused("bad-approval", s -> s.put("approval", "Always"),
                        "spec.approval: Unsupported value: \"Always\": supported values: \"Automatic\", \"Manual\""),
                new Refused("negative-poll", s -> obj(s, "health").put("pollIntervalSeconds", -5),
                        "spec.health.pollIntervalSeconds in body should be greater than or equal to 1"),
                new Refused("zero-recreate", s -> obj(s, "health").put("forceRecreateAfterSeconds", 0),
                        "spec.health.forceRecreateAfterSeconds in body should be greater than or equal to 1"),
                new Refused("unreachable-before-poll", s -> obj(s, "health").put("pollIntervalSeconds", 30)
                        .put("unreachableAfterSeconds", 10), "unreachableAfterSeconds must be at least "
                        + "pollIntervalSeconds"),
                new Refused("recreate-before-unreachable", s -> obj(s, "health").put("unreachableAfterSeconds", 60)
                        .put("forceRecreateAfterSeconds", 30), "forceRecreateAfterSeconds must be at least "
                        + "unreachableAfterSeconds"),
                new Refused("no-credentials", s -> obj(s, "primary").remove("credentialsSecretRef"),
                        "spec.primary.credentialsSecretRef: Required value"),
                new Refused("no-meta", s -> s.remove("meta"), "spec.meta: Required value"),
                new Refused("http-url", s -> obj(s, "primary").put("url", primaryUrl.replace("https:", "http:")),
                        "spec.primary.url in body should match '^https://"),
                new Refused("url-with-path", s -> obj(s, "primary").put("url", primaryUrl + "/info"),
                        "spec.primary.url in body should match"),
                new Refused("deployment-with-space", s -> obj(s, "meta").put("deployment", "bosh meta"),
                        "spec.meta.deployment in body should match"),
                new Refused("percent-above-one", s -> obj(s, "resurrection").put("percentThreshold", 1.5),
                        "spec.resurrection.percentThreshold in body should be less than or equal to 1"),
                new Refused("zero-down-jobs", s -> obj(s, "resurrection").put("minimumDownJobs", 0),
                        "spec.resurrection.minimumDownJobs in body should be greater than or equal to 1"),
                new Refused("capital-secret-name", s -> obj(obj(s, "meta"), "caSecretRef").put("name", "Meta"),
                        "spec.meta.caSecretRef.name: Invalid value: \"Meta\""),
                new Refused("relative-store-path", s -> obj(s, "primary").put("storePath", "var/vcap/store"),
                        "spec.primary.storePath in body should match"),
                new Refused("text-for-number", s -> obj(s, "health").put("pollIntervalSeconds", "fast"),
                        "spec.health.pollIntervalSeconds in body must be of type integer: \"string\""),
                new Refused("micro-without-ssh", s -> {
                    s.set("bootstrap", microAt(world.endpoint("micro").url()));
                    obj(obj(s, "bootstrap"), "micro").remove("ssh");
                }, "spec.bootstrap.micro.ssh: Required value"));
    }

    private List<Judged> judged() {
        DirectorEndpoint primary = world.endpoint("primary");
        String unused = primary.address().substring(0, primary.address().lastIndexOf('.')) + ".250";
        return List.of(
                new Judged("same-director-spelled-twice", s -> obj(s, "meta")
                        .put("url", "https://" + primary.address()), "SpecValid", "False", "SameDirectorTwice"),
                new Judged("micro-is-meta-spelled-twice", s -> s.set("bootstrap",
                        microAt(world.endpoint("meta").url() + "/")), "SpecValid", "False", "SameDirectorTwice"),
                new Judged("port-out-of-range", s -> obj(s, "primary").put("url", "https://" + primary.address()
                        + ":99999"), "SpecValid", "False", "InvalidUrl"),
                new Judged("unknown-secret", s -> obj(obj(s, "primary"), "caSecretRef").put("name", "no-such-secret"),
                        "SpecValid", "False", "SecretNotFound"),
                new Judged("unknown-key", s -> obj(obj(s, "primary"), "caSecretRef").put("key", "tls.crt"),
                        "SpecValid", "False", "SecretKeyMissing"),
                new Judged("no-client-secret", s -> obj(obj(s, "primary"), "credentialsSecretRef")
                        .put("name", "no-client-secret"), "SpecValid", "False", "SecretKeyMissing"),
                new Judged("blank-client", s -> obj(obj(s, "meta"), "credentialsSecretRef")
                        .put("name", "empty-client"), "SpecValid", "False", "SecretKeyMissing"),
                new Judged("malformed-ca", s -> obj(obj(s, "primary"), "caSecretRef").put("name", "malformed-ca"),
                        "SpecValid", "False", "InvalidCaCertificate"),
                new Judged("truncated-ca", s -> obj(obj(s, "meta"), "caSecretRef").put("name", "truncated-ca"),
                        "SpecValid", "False", "InvalidCaCertificate"),
                new Judged("credential-as-ca", s -> obj(obj(s, "primary"), "caSecretRef").put("key", "clientSecret"),
                        "SpecValid", "False", "InvalidCaCertificate"),
                new Judged("missing-manifest", s -> obj(s, "meta").putObject("manifestRef")
                        .put("name", "no-such-manifest").put("key", "manifest.yml"), "SpecValid", "False",
                        "ConfigMapNotFound"),
                new Judged("missing-manifest-key", s -> obj(s, "meta").putObject("manifestRef")
                        .put("name", "broken-manifest").put("key", "other.yml"), "SpecValid", "False",
                        "ConfigMapKeyMissing"),
                new Judged("broken-manifest", s -> obj(s, "meta").putObject("manifestRef")
                        .put("name", "broken-manifest").put("key", "manifest.yml"), "SpecValid", "False",
                        "InvalidManifest"),
                new Judged("swapped-deployments", s -> {
                    obj(s, "primary").put("deployment", "bosh-meta");
                    obj(s, "meta").put("deployment", "bosh-primary");
                }, "MutuallyManaged", "False", "RolesSwapped"),
                new Judged("foreign-ca", s -> obj(obj(s, "primary"), "caSecretRef").put("name", "foreign-ca"),
                        "PrimaryReachable", "False", "CertificateUntrusted"),
                new Judged("wrong-credentials", s -> obj(obj(s, "primary"), "credentialsSecretRef")
                        .put("name", "wrong-credentials"), "PrimaryReachable", "False", "CredentialsRejected"),
                new Judged("unreachable-url", s -> obj(s, "primary").put("url", "https://" + unused + ":25555"),
                        "PrimaryReachable", "False", "ConnectionFailed"),
                // Primary holds bosh-meta, but its VM is not at the address the URL names: not the pair's Meta.
                new Judged("meta-url-nobody-answers", s -> obj(s, "meta").put("url", "https://" + unused + ":25555"),
                        "Blocked", "True", "NotManagedByPeer"));
    }

    /** Requests since {@code start} to any director that are neither a GET nor a token request. */
    private List<String> actions(Instant start) {
        List<String> actions = new ArrayList<>();
        for (String key : List.of("primary", "meta", "micro")) {
            world.requests(key).stream().filter(r -> !r.at().isBefore(start))
                    .filter(r -> !r.method().equals("GET")
                            && !(r.method().equals("POST") && r.path().equals("/oauth/token")))
                    .forEach(r -> actions.add(key + ": " + r.method() + " " + r.path() + " by " + r.user()));
        }
        return actions;
    }

    private static ObjectNode microAt(String url) {
        ObjectNode bootstrap = PairYaml.JSON.createObjectNode();
        ObjectNode micro = bootstrap.putObject("micro").put("url", url);
        micro.putObject("caSecretRef").put("name", "micro-director");
        micro.putObject("credentialsSecretRef").put("name", "micro-director");
        ObjectNode ssh = micro.putObject("ssh").put("host", "127.0.0.1").put("user", "jumpbox");
        ssh.putObject("privateKeySecretRef").put("name", "micro-ssh");
        ssh.putObject("hostKeySecretRef").put("name", "micro-ssh");
        return bootstrap;
    }

    private static String condition(JsonNode pairs, String name, String type) {
        for (JsonNode pair : pairs.path("items")) {
            if (pair.at("/metadata/name").asText().equals(name)) {
                for (JsonNode condition : pair.at("/status/conditions")) {
                    if (condition.path("type").asText().equals(type)) {
                        return condition.path("status").asText() + "/" + condition.path("reason").asText();
                    }
                }
            }
        }
        return "absent";
    }

    private static List<String> eventReasons(JsonNode events, String name) {
        return StreamSupport.stream(events.path("items").spliterator(), false)
                .filter(event -> event.at("/involvedObject/name").asText().equals(name))
                .map(event -> event.path("reason").asText())
                .toList();
    }

    /** How many tasks each director has run, but the read-only one that GET .../vms?format=full starts. */
    private Map<String, Integer> taskCounts() {
        return Map.of("primary", tasks("primary"), "meta", tasks("meta"), "micro", tasks("micro"));
    }

    private int tasks(String key) {
        io.binarybosh.e2e.sim.BoshHttp bosh = new io.binarybosh.e2e.sim.BoshHttp(world.endpoint(key));
        bosh.login();
        JsonNode tasks = bosh.get("/tasks?verbose=2&limit=1000").json();
        return (int) StreamSupport.stream(tasks.spliterator(), false)
                .filter(task -> !task.path("description").asText().equals("retrieve vm-stats")).count();
    }
}
