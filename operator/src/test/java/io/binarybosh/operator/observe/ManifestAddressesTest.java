package io.binarybosh.operator.observe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestAddressesTest {

    @Test
    void findsTheMicroInDnsAndRecursorSettingsOnly() {
        String manifest = """
                name: bosh-primary
                networks:
                - name: default
                  subnets:
                  - range: 10.0.0.0/24
                    gateway: 10.0.0.1
                    dns: [8.8.8.8, 10.0.0.3]
                instance_groups:
                - name: bosh
                  properties:
                    dns: {recursor: "10.0.0.3"}
                    director: {address: 10.0.0.3}
                    recursors: ["10.0.0.30:53"]
                """;
        assertThat(ManifestAddresses.dnsSettingsNaming(manifest, List.of("10.0.0.3"))).containsExactly(
                "networks[0].subnets[0].dns[1] (10.0.0.3)",
                "instance_groups[0].properties.dns.recursor (10.0.0.3)");
        assertThat(ManifestAddresses.dnsSettingsNaming(manifest, List.of("10.0.0.30"))).containsExactly(
                "instance_groups[0].properties.recursors[0] (10.0.0.30:53)");
        assertThat(ManifestAddresses.dnsSettingsNaming("not: [valid", List.of("10.0.0.3"))).isEmpty();
    }
}
