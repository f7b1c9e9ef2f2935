package io.binarybosh.operator.decide;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Micro with a config server: Meta must carry its director name, or it could never recreate Primary. */
class ConfigServerPreflightTest {

    private Situations world;

    @BeforeEach
    void microWithCredHub() {
        world = new Situations();
        world.micro();
        world.meta.holdsManaged = false;
        world.micro.configServer = true;
        world.micro.name = "bosh";
        world.micro.variables = List.of("/bosh/bosh-primary/admin_password", "/bosh/bosh-primary/nats_ca",
                "/shared/dns_ca");
    }

    @Test
    void metaUnderAnotherNameIsRefusedWithThePrerequisite() {
        world.meta.name = "meta-bosh";
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r -> {
            assertThat(r.reason().wire()).isEqualTo("ConfigServerNameMismatch");
            assertThat(r.message()).contains("'/meta-bosh/bosh-primary/...'", "director.name 'bosh'",
                    "CredHub encryption password");
        });
    }

    @Test
    void metaUnderTheSameNameFindsEveryVariable() {
        world.meta.name = "bosh";
        assertThat(MigrationPreflight.check(world.facts())).isEmpty();
    }

    @Test
    void variablesVersionedUnderAnEarlierNameAreRefused() {
        world.meta.name = "bosh";
        world.micro.variables = List.of("/bosh/bosh-primary/admin_password", "/bosh/other/x");
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r ->
                assertThat(r.message()).contains("/bosh/other/x"));
    }

    @Test
    void unreadVariablesAreNotAssumedFine() {
        world.meta.name = "bosh";
        world.micro.variables = null;
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r ->
                assertThat(r.reason().wire()).isEqualTo("ConfigServerVariablesUnknown"));
    }

    @Test
    void withoutAConfigServerTheNamesMayDiffer() {
        world.micro.configServer = false;
        world.meta.name = "meta-bosh";
        assertThat(MigrationPreflight.check(world.facts())).isEmpty();
    }
}
