package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * crds/examples/secrets.yaml and pair-with-micro.yaml filled in for a world: the Secrets of the three directors and
 * of the Micro's ssh access, and the pair, with approval Automatic and short health intervals to suit the demo.
 *
 * @param secrets the Secrets, in the order they are applied
 * @param pair    the BinaryBoshPair as YAML
 */
record PairManifest(List<Secret> secrets, String pair) {

    static PairManifest forWorld(World world, String namespace, String name) throws IOException {
        SshEndpoint micro = world.ssh("micro").orElseThrow();
        SshEndpoint meta = world.ssh("meta").orElseThrow();
        List<Secret> secrets = Stream.concat(Stream.of("primary", "meta", "micro")
                        .map(key -> directorSecret(world.endpoint(key), namespace)),
                Stream.of(sshSecret(micro, namespace))).toList();
        DirectorEndpoint primaryApi = world.endpoint("primary");
        DirectorEndpoint metaApi = world.endpoint("meta");
        DirectorEndpoint microApi = world.endpoint("micro");
        // Inside a simulated VM /var/vcap is the VM's own, as on a stemcell: the jumpbox user on the Micro, the
        // directors' ephemeral users elsewhere, sudo for both (vmAccess defaults).
        String pair = """
                apiVersion: binarybosh.io/v1alpha1
                kind: BinaryBoshPair
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  primary:
                    url: %s
                    deployment: %s
                    caSecretRef: {name: primary-director, key: ca.crt}
                    credentialsSecretRef: {name: primary-director}
                  meta:
                    url: %s
                    deployment: %s
                    caSecretRef: {name: meta-director, key: ca.crt}
                    credentialsSecretRef: {name: meta-director}
                    storePath: /var/vcap/store
                  bootstrap:
                    micro:
                      url: %s
                      caSecretRef: {name: micro-director, key: ca.crt}
                      credentialsSecretRef: {name: micro-director}
                      storePath: /var/vcap/store
                      ssh:
                        host: %s
                        port: %d
                        user: %s
                        privateKeySecretRef: {name: micro-ssh, key: ssh-privatekey}
                        hostKeySecretRef: {name: micro-ssh, key: known_hosts}
                    vmAccess: {sshPort: %d}
                  health:
                    pollIntervalSeconds: 1
                    unreachableAfterSeconds: 1
                    forceRecreateAfterSeconds: 60
                  approval: Automatic
                """.formatted(name, namespace,
                primaryApi.url(), primaryApi.deployment(),
                metaApi.url(), metaApi.deployment(),
                microApi.url(),
                micro.host(), micro.port(), micro.user(), meta.port());
        return new PairManifest(secrets, pair);
    }

    private static Secret directorSecret(DirectorEndpoint endpoint, String namespace) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("ca.crt", endpoint.caCert());
        data.put("client", endpoint.client());
        data.put("clientSecret", endpoint.clientSecret());
        return new SecretBuilder().withNewMetadata().withName(endpoint.key() + "-director").withNamespace(namespace)
                .endMetadata().withType("Opaque").withStringData(data).build();
    }

    private static Secret sshSecret(SshEndpoint micro, String namespace) throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("ssh-privatekey", Files.readString(micro.privateKey()));
        data.put("known_hosts", micro.hostKey());
        return new SecretBuilder().withNewMetadata().withName("micro-ssh").withNamespace(namespace).endMetadata()
                .withType("kubernetes.io/ssh-auth").withStringData(data).build();
    }

    /** The Secrets, one YAML document each. */
    String secretsYaml() {
        KubernetesSerialization yaml = new KubernetesSerialization();
        return secrets.stream().map(yaml::asYaml).map(PairManifest::withoutDocumentStart)
                .collect(Collectors.joining("---\n"));
    }

    /** The two files {@link #writeTo} wrote. */
    record Written(Path secrets, Path pair) {
    }

    /** Writes {@code secrets.yaml} (owner only: it holds the Micro's ssh key) and {@code pair.yaml} into {@code dir}. */
    Written writeTo(Path dir) {
        try {
            Path secretsFile = dir.resolve("secrets.yaml");
            Files.deleteIfExists(secretsFile);
            Files.createFile(secretsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secretsFile, secretsYaml());
            Path pairFile = Files.writeString(dir.resolve("pair.yaml"), pair);
            return new Written(secretsFile, pairFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutDocumentStart(String document) {
        return document.startsWith("---\n") ? document.substring(4) : document;
    }
}
