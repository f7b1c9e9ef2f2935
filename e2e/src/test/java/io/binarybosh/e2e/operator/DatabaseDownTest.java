package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17: a director whose postgres is down answers /info and fails every call that reads its database. For each
 * role the operator names that cause (not "holds nothing", not "not managed"), takes no action, and finds the pair
 * again by itself once postgres is back. Basic auth everywhere: a UAA keeps its clients in the same postgres, so
 * with it down a token could not be renewed, which is another observation (the UAA failing).
 */
class DatabaseDownTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);
    private static final String BASIC_AUTH = TestWorlds.THREE_DIRECTORS.replace("auth: uaa", "auth: basic");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Test
    void aMicroWithoutItsDatabaseIsNotReadAsHoldingNothing() throws Exception {
        world = World.start(WorldSpec.parse(BASIC_AUTH).withNetwork(TestWorlds.randomNetwork()), dir);
        world.faults().stopDatabase("micro");
        operator = new OperatorUnderTest();
        declareWithMicro();
        Instant since = Instant.now();
        operator.start();

        await().atMost(LONG).until(() -> operator.is("MicroReachable", "False", "DatabaseNotAnswering")
                && operator.is("Blocked", "True", "MicroDatabaseNotAnswering")
                && operator.is("Migrated", "False", "MicroDatabaseNotAnswering"));
        assertThat(operator.condition("Migrated").orElseThrow().getMessage())
                .contains("database is not answering", "HTTP 500", "monit summary", "/var/vcap/sys/log/postgres/");
        assertThat(operator.pair().getStatus().getMicro().getState()).isEqualTo("DatabaseFailing");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> operator.pair().getStatus().getOperation() == null);
        assertThat(operator.events("SourceDoesNotHoldPrimary")).isEmpty();
        noChangeSince(since);

        world.faults().startDatabase("micro");
        await().atMost(LONG).until(() -> operator.is("MicroReachable", "True", "DirectorAnswered")
                && !operator.is("Blocked", "True", "MicroDatabaseNotAnswering"));
        assertThat(operator.condition("Migrated").map(Condition::getReason).orElse(""))
                .isNotEqualTo("MicroDatabaseNotAnswering");
    }

    @Test
    void primaryWithoutItsDatabase() {
        withoutItsDatabase("primary", "Primary");
    }

    @Test
    void metaWithoutItsDatabase() {
        withoutItsDatabase("meta", "Meta");
    }

    private void withoutItsDatabase(String key, String role) {
        world = World.start(WorldSpec.parse(BASIC_AUTH).withNetwork(TestWorlds.randomNetwork()), dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> spec.getHealth().setForceRecreateAfterSeconds(3));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));

        Instant since = Instant.now();
        world.faults().stopDatabase(key);
        await().atMost(LONG).until(() -> operator.is(role + "Reachable", "False", "DatabaseNotAnswering")
                && operator.is(role + "Healthy", "False", "DatabaseNotAnswering")
                && operator.is("ResurrectionEnabled", "Unknown", "DatabaseNotAnswering")
                && operator.is("Ready", "False"));
        if (key.equals("meta")) {
            // Meta holds Primary's deployment: whether it still does is unknown, not "not managed"
            await().atMost(LONG).until(() -> operator.is("MutuallyManaged", "False", "DatabaseNotAnswering"));
        }
        assertThat(operator.condition(role + "Healthy").orElseThrow().getMessage())
                .contains("database is not answering", "monit summary");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                .until(() -> operator.pair().getStatus().getOperation() == null
                        && operator.is(role + "Reachable", "False", "DatabaseNotAnswering"));
        assertThat(operator.pair().getStatus().getHistory()).noneMatch(r -> "Repair".equals(r.getType()));
        noChangeSince(since);

        world.faults().startDatabase(key);
        await().atMost(LONG).until(() -> operator.is("Ready", "True")
                && operator.is(role + "Reachable", "True", "DirectorAnswered"));
        noChangeSince(since);
    }

    /** Nothing but reads (and the tasks of the read-only agent check) reached any director since then. */
    private void noChangeSince(Instant since) {
        for (String key : List.of("micro", "primary", "meta")) {
            List<RecordedRequest> changes = world.requests(key).stream()
                    .filter(r -> !r.at().isBefore(since))
                    .filter(r -> !READS.contains(r.method()))
                    .filter(r -> !"hm".equals(r.user()))
                    .toList();
            assertThat(changes).as("requests to " + key + " that could change it").isEmpty();
        }
    }

    /** The pair before the migration, with a Micro whose shell is never reached (preflight stops first). */
    private void declareWithMicro() throws Exception {
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
