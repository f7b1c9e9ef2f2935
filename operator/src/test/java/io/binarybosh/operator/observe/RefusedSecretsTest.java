package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.director.DirectorUnauthorizedException;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets are kept a minute ({@link ReferencedObjects}); those of a director that refused what they hold are read
 * again at the next poll, so that a mended Secret is used at once.
 */
class RefusedSecretsTest {

    private final List<String> stale = Collections.synchronizedList(new ArrayList<>());
    private final Secret creds = new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
            .withStringData(Map.of("ca.crt", new HeldCertificate.Builder().certificateAuthority(0).build()
                    .certificatePem(), "client", "admin", "clientSecret", "s3cret")).build();
    private final SecretLookup secrets = new SecretLookup() {
        @Override
        public Optional<Secret> find(String namespace, String name) {
            return Optional.of(creds);
        }

        @Override
        public void stale(String namespace, String name) {
            stale.add(namespace + "/" + name);
        }
    };

    private PairObserver observer(FakeDirectorClient primary, FakeDirectorClient meta) {
        return new PairObserver(new EndpointResolver(secrets, DirectorTimeouts.defaults()),
                new DirectorClientCache(endpoint -> endpoint.url().getPort() == 1001 ? primary : meta),
                (namespace, name) -> Optional.empty(), Clock.systemUTC(), Runnable::run);
    }

    @Test
    void theSecretsOfADirectorThatRefusedTheCredentialsAreReadAgainAtTheNextPoll() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        FakeDirectorClient primary = new FakeDirectorClient("primary-bosh", calls)
                .failOn("GET /info (authenticated)", () -> new DirectorUnauthorizedException("401 Unauthorized"));
        FakeDirectorClient meta = new FakeDirectorClient("meta-bosh", calls);
        BinaryBoshPair pair = ObservedPairs.pair();

        PairObservation refused = observer(primary, meta).observe(pair);

        assertThat(refused.primary().outcome()).isEqualTo(Outcome.CREDENTIALS_REJECTED);
        assertThat(stale).as("Primary's CA and credentials Secret, not Meta's").containsExactly("ns/creds", "ns/creds");
    }

    @Test
    void theSecretsOfDirectorsThatAnsweredAreKept() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        PairObservation answered = observer(new FakeDirectorClient("primary-bosh", calls),
                new FakeDirectorClient("meta-bosh", calls)).observe(ObservedPairs.pair());

        assertThat(answered.primary().outcome()).isEqualTo(Outcome.REACHABLE);
        assertThat(stale).isEmpty();
    }
}
