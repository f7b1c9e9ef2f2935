package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorCaCertificateException;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorTlsException;
import io.binarybosh.operator.director.DirectorUnauthorizedException;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks at every director of a pair and returns what it saw. Never throws: an unreachable director, a missing
 * Secret or a bug in a client is an observation, because a polling fetcher that throws stops polling for good.
 */
public final class PairObserver {

    private static final Logger LOG = LoggerFactory.getLogger(PairObserver.class);

    private record Key(ResourceID pair, DirectorRole role) {
    }

    private final EndpointResolver endpoints;
    private final DirectorClientCache clients;
    private final Clock clock;
    private final Map<Key, Instant> lastAnswered = new ConcurrentHashMap<>();

    public PairObserver(EndpointResolver endpoints, DirectorClientCache clients, Clock clock) {
        this.endpoints = endpoints;
        this.clients = clients;
        this.clock = clock;
    }

    public PairObservation observe(BinaryBoshPair pair) {
        ResourceID id = ResourceID.fromResource(pair);
        BinaryBoshPairSpec spec = pair.getSpec();
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();
        DirectorConnectionSpec micro = spec == null || spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        if (micro == null) {
            clients.evict(id, DirectorRole.MICRO);
        }
        return new PairObservation(generation,
                observe(pair, id, DirectorRole.PRIMARY, "spec.primary", spec == null ? null : spec.getPrimary()),
                observe(pair, id, DirectorRole.META, "spec.meta", spec == null ? null : spec.getMeta()),
                micro == null ? null : observe(pair, id, DirectorRole.MICRO, "spec.bootstrap.micro", micro),
                clock.instant());
    }

    /** Forgets a deleted pair: closes its clients. */
    public void forget(ResourceID pair) {
        clients.evictPair(pair);
        for (DirectorRole role : DirectorRole.values()) {
            lastAnswered.remove(new Key(pair, role));
        }
    }

    private DirectorObservation observe(BinaryBoshPair pair, ResourceID id, DirectorRole role, String field,
                                        DirectorConnectionSpec spec) {
        Key key = new Key(id, role);
        String url = spec == null ? null : spec.getUrl();
        try {
            EndpointResolution resolution = endpoints.resolve(pair.getMetadata().getNamespace(), field, spec);
            if (resolution instanceof EndpointResolution.Unresolved unresolved) {
                clients.evict(id, role);
                return DirectorObservation.notContacted(role, url, unresolved.problem(), clock.instant(),
                        lastAnswered.get(key));
            }
            DirectorEndpoint endpoint = ((EndpointResolution.Resolved) resolution).endpoint();
            DirectorClient client;
            try {
                client = clients.clientFor(id, role, endpoint);
            } catch (DirectorCaCertificateException | IllegalArgumentException badCa) {
                return DirectorObservation.notContacted(role, url, new ConfigProblem("InvalidCaCertificate",
                        field + ".caSecretRef: the CA certificate cannot be used: " + badCa.getMessage()),
                        clock.instant(), lastAnswered.get(key));
            }
            return contact(client, key, role, url);
        } catch (RuntimeException | Error unexpected) {
            LOG.error("pair={} director={} observation failed unexpectedly", id, role.fieldName(), unexpected);
            return new DirectorObservation(role, url, Outcome.UNEXPECTED_RESPONSE, null, null, null,
                    "observation failed: " + unexpected.getClass().getSimpleName(), clock.instant(),
                    lastAnswered.get(key));
        }
    }

    private DirectorObservation contact(DirectorClient client, Key key, DirectorRole role, String url) {
        try {
            DirectorInfo info = client.authenticatedInfo();
            Instant now = clock.instant();
            lastAnswered.put(key, now);
            return new DirectorObservation(role, url, Outcome.REACHABLE, info, info.user(), null, null, now, now);
        } catch (DirectorUnauthorizedException rejected) {
            DirectorInfo info = unauthenticatedInfo(client);
            Instant now = clock.instant();
            if (info != null) {
                lastAnswered.put(key, now);
            }
            return new DirectorObservation(role, url, Outcome.CREDENTIALS_REJECTED, info, null, null,
                    rejected.getMessage(), now, lastAnswered.get(key));
        } catch (DirectorUnreachableException unreachable) {
            return failed(role, url, key, Outcome.UNREACHABLE, unreachable);
        } catch (DirectorTlsException untrusted) {
            return failed(role, url, key, Outcome.TLS_UNTRUSTED, untrusted);
        } catch (DirectorException unexpected) {
            return failed(role, url, key, Outcome.UNEXPECTED_RESPONSE, unexpected);
        }
    }

    private static DirectorInfo unauthenticatedInfo(DirectorClient client) {
        try {
            return client.info();
        } catch (DirectorException e) {
            return null;
        }
    }

    private DirectorObservation failed(DirectorRole role, String url, Key key, Outcome outcome, DirectorException e) {
        LOG.debug("pair={} director={} outcome={} {}", key.pair(), role.fieldName(), outcome, e.getMessage());
        return new DirectorObservation(role, url, outcome, null, null, null, e.getMessage(), clock.instant(),
                lastAnswered.get(key));
    }
}
