package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bosh ignore} on Primary's instance, on Meta: Meta's scans and scan and fix skip it, so nothing resurrects
 * Primary. The operator says so in ResurrectionEnabled, and when Primary dies it blocks with that reason instead of
 * spending its repair budget on scans that find nothing; unignored, Primary is resurrected.
 */
class IgnoredInstanceTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);

    @Test
    void anIgnoredDirectorIsReportedAndNotRepaired() {
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        String id = meta.get("/deployments/bosh-primary/instances").json().get(0).path("id").asText();
        assertThat(meta.send("PUT", "/deployments/bosh-primary/instance_groups/bosh/" + id + "/ignore",
                "application/json", "{\"ignore\":true}").code()).isEqualTo(200);

        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> spec.getHealth().setForceRecreateAfterSeconds(3));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("ResurrectionEnabled", "False", "InstanceIgnored"));
        assertThat(operator.condition("ResurrectionEnabled").orElseThrow().getMessage()).contains("unignore");

        world.faults().killDirectorVm("primary");
        await().atMost(LONG).until(() -> operator.is("Blocked", "True", "InstanceIgnored"));
        Directors directors = new Directors(world);
        int scans = directors.tasksByAdmin("meta", "bosh-primary", "scan cloud").size();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                .until(() -> operator.is("Blocked", "True", "InstanceIgnored"));
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "scan cloud")).as("no repair scan").hasSize(scans);
        assertThat(operator.pair().getStatus().getHistory()).noneMatch(r -> "Repair".equals(r.getType()));

        assertThat(meta.send("PUT", "/deployments/bosh-primary/instance_groups/bosh/" + id + "/ignore",
                "application/json", "{\"ignore\":false}").code()).isEqualTo(200);
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));
    }
}
