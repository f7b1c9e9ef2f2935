package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import okhttp3.tls.HeldCertificate;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A pair {@code ns/pair} whose Primary (port 1001) and Meta (port 1002) are given director clients, and an observer
 * of it: the CA and credentials come from one Secret {@code creds}, there are no ConfigMaps.
 */
final class ObservedPairs {

    private ObservedPairs() {
    }

    static BinaryBoshPair pair() {
        BinaryBoshPairSpec spec = new BinaryBoshPairSpec();
        spec.setPrimary(director("https://127.0.0.1:1001", "primary"));
        spec.setMeta(director("https://127.0.0.1:1002", "meta"));
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.getMetadata().setName("pair");
        pair.getMetadata().setNamespace("ns");
        pair.getMetadata().setGeneration(1L);
        pair.setSpec(spec);
        return pair;
    }

    static PairObserver observer(DirectorClient primary, DirectorClient meta, Clock clock, Executor ask) {
        Map<String, Secret> secrets = Map.of("creds", new SecretBuilder().withNewMetadata().withName("creds")
                .endMetadata().withStringData(Map.of("ca.crt", new HeldCertificate.Builder().certificateAuthority(0)
                        .build().certificatePem(), "client", "admin", "clientSecret", "s3cret")).build());
        DirectorClientCache clients = new DirectorClientCache(endpoint ->
                endpoint.url().getPort() == 1001 ? primary : meta);
        return new PairObserver(new EndpointResolver((namespace, name) -> Optional.ofNullable(secrets.get(name)),
                DirectorTimeouts.defaults()), clients, (namespace, name) -> Optional.empty(), clock, ask);
    }

    private static ManagedDirectorSpec director(String url, String deployment) {
        ManagedDirectorSpec director = new ManagedDirectorSpec();
        director.setUrl(url);
        director.setDeployment(deployment);
        director.setCaSecretRef(new SecretKeyRef("creds", "ca.crt"));
        director.setCredentialsSecretRef(new SecretRef("creds"));
        return director;
    }
}
