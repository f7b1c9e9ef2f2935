package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.director.DirectorCaCertificateException;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorTlsException;
import io.binarybosh.operator.director.DirectorUnauthorizedException;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.director.UaaUnavailableException;
import io.binarybosh.operator.logging.LogContext;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.ConfigMapKeyRef;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Looks at every director of a pair and returns what it saw. Never throws: an unreachable director, a missing
 * Secret or a bug in a client is an observation, because a polling fetcher that throws stops polling for good.
 * Primary and Meta are asked at once (Meta on the {@code ask} executor), and an answering director's details are
 * read only when {@link DetailsSchedule} says so.
 */
public final class PairObserver {

    private static final Logger LOG = LoggerFactory.getLogger(PairObserver.class);

    private record Key(ResourceID pair, DirectorRole role) {
    }

    private final EndpointResolver endpoints;
    private final DirectorClientCache clients;
    private final DirectorDetailsReader details;
    private final ConfigMapLookup configMaps;
    private final Clock clock;
    private final Map<Key, Instant> lastAnswered = new ConcurrentHashMap<>();
    private final Map<Key, Instant> silentSince = new ConcurrentHashMap<>();
    private final Map<Key, DetailsSchedule.LastRead> lastRead = new ConcurrentHashMap<>();
    private final Executor ask;

    public PairObserver(EndpointResolver endpoints, DirectorClientCache clients, ConfigMapLookup configMaps,
                        Clock clock) {
        this(endpoints, clients, configMaps, clock, Runnable::run);
    }

    /**
     * @param ask runs the questions to Meta while the polling thread asks Primary; it must not be the polling
     *            executor itself, whose threads wait for it
     */
    public PairObserver(EndpointResolver endpoints, DirectorClientCache clients, ConfigMapLookup configMaps,
                        Clock clock, Executor ask) {
        this.ask = ask;
        this.endpoints = endpoints;
        this.configMaps = configMaps;
        this.clients = clients;
        this.details = new DirectorDetailsReader(clock);
        this.clock = clock;
    }

    public PairObservation observe(BinaryBoshPair pair) {
        // The observation is as old as its first question: what was asked before an action says nothing after it.
        Instant started = clock.instant();
        ResourceID id = ResourceID.fromResource(pair);
        BinaryBoshPairSpec spec = pair.getSpec();
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();
        DirectorConnectionSpec micro = spec == null || spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        if (micro == null) {
            clients.evict(id, DirectorRole.MICRO);
        }
        CompletableFuture<Contact> metaAsked = onAsk(pair,
                () -> contact(pair, id, DirectorRole.META, "spec.meta", spec == null ? null : spec.getMeta()));
        Contact primary = contact(pair, id, DirectorRole.PRIMARY, "spec.primary", spec == null ? null : spec.getPrimary());
        Contact microContact = micro == null ? null : contact(pair, id, DirectorRole.MICRO, "spec.bootstrap.micro", micro);
        Contact meta = metaAsked.join();
        String primaryDeployment = spec == null || spec.getPrimary() == null ? null : spec.getPrimary().getDeployment();
        String metaDeployment = spec == null || spec.getMeta() == null ? null : spec.getMeta().getDeployment();
        DesiredManifest primaryManifest = desired(pair, "spec.primary", spec == null ? null : spec.getPrimary());
        DesiredManifest metaManifest = desired(pair, "spec.meta", spec == null ? null : spec.getMeta());
        boolean watchful = micro != null || pair.getStatus() != null && pair.getStatus().getOperation() != null;
        Duration pollInterval = ObservationEventSource.pollInterval(pair);
        CompletableFuture<DirectorObservation> metaRead = onAsk(pair, () -> withDetails(id, meta, primaryDeployment,
                primary.observation().silentSince(), primaryManifest != null, generation, watchful, pollInterval));
        DirectorObservation primaryObserved = withDetails(id, primary, metaDeployment,
                meta.observation().silentSince(), metaManifest != null, generation, watchful, pollInterval);
        DirectorObservation microObserved = microContact == null ? null
                : withDetails(id, microContact, primaryDeployment, null, false, generation, watchful, pollInterval);
        return new PairObservation(generation, primaryObserved, metaRead.join(), microObserved, started,
                primaryManifest, metaManifest);
    }

    /** Runs on the ask executor with the pair's log context; the suppliers never throw (they report instead). */
    private <T> CompletableFuture<T> onAsk(BinaryBoshPair pair, Supplier<T> question) {
        Supplier<T> inContext = () -> {
            try (LogContext ignored = LogContext.of(pair, "observe")) {
                return question.get();
            }
        };
        try {
            return CompletableFuture.supplyAsync(inContext, ask);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(question.get());
        }
    }

    /** The desired manifest from the director's manifestRef, null when it has none. */
    private DesiredManifest desired(BinaryBoshPair pair, String field, ManagedDirectorSpec director) {
        if (director == null || director.getManifestRef() == null) {
            return null;
        }
        ConfigMapKeyRef ref = director.getManifestRef();
        Optional<ConfigMap> configMap = configMaps.find(pair.getMetadata().getNamespace(), ref.getName());
        if (configMap.isEmpty()) {
            return new DesiredManifest(null, new ConfigProblem(Reason.CONFIG_MAP_NOT_FOUND,
                    field + ".manifestRef: ConfigMap '"
                    + ref.getName() + "' not found in the pair's namespace"));
        }
        String yaml = configMap.get().getData() == null ? null : configMap.get().getData().get(ref.getKey());
        if (yaml == null || yaml.isBlank()) {
            return new DesiredManifest(null, new ConfigProblem(Reason.CONFIG_MAP_KEY_MISSING,
                    field + ".manifestRef: ConfigMap '"
                    + ref.getName() + "' has no non-empty key '" + ref.getKey() + "'"));
        }
        if (!Manifests.parses(yaml)) {
            return new DesiredManifest(null, new ConfigProblem(Reason.INVALID_MANIFEST, field + ".manifestRef: key '"
                    + ref.getKey() + "' of ConfigMap '" + ref.getName() + "' is not a YAML mapping"));
        }
        return new DesiredManifest(yaml, null);
    }

    private record Contact(DirectorObservation observation, DirectorClient client) {
    }

    private DirectorObservation withDetails(ResourceID id, Contact contact, String managedDeployment,
                                            Instant managedSilentSince, boolean wantManifest, long generation,
                                            boolean watchful, Duration pollInterval) {
        DirectorObservation observation = contact.observation();
        Key key = new Key(id, observation.role());
        if (!observation.reachable() || contact.client() == null) {
            // After a silence or a refusal, the next answer is read in full: nothing from before it is reused.
            lastRead.remove(key);
            return observation;
        }
        DetailsSchedule.Poll poll = new DetailsSchedule.Poll(observation.observedAt(), observation.info(),
                managedSilentSince != null, generation, watchful || wantManifest, new DetailsSchedule.Phases(
                        PairPhase.of(id, observation.role().fieldName() + "/full-read"),
                        DirectorDetailsReader.agentCheckPhase(id, observation.role())), pollInterval);
        DetailsSchedule.LastRead last = lastRead.get(key);
        Optional<DetailsSchedule.FullRead> why = DetailsSchedule.whyFullRead(last, poll);
        if (why.isEmpty()) {
            lastRead.put(key, last.reusedOnce());
            return observation.withDetails(last.details());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("pair={} director={} reads in full: {}{}", id, observation.role().fieldName(), why.get(),
                    why.get() == DetailsSchedule.FullRead.NOT_WELL ? " " + last.details() : "");
        }
        try {
            DirectorDetails read = details.read(id, observation.role(), contact.client(), managedDeployment,
                    managedSilentSince, wantManifest, observation.user(),
                    observation.info() != null && observation.info().configServer(), !poll.watchful());
            lastRead.put(key, new DetailsSchedule.LastRead(read, poll.now(), poll.info(), poll.peerSilent(),
                    generation));
            return observation.withDetails(read);
        } catch (RuntimeException unexpected) {
            lastRead.remove(key);
            LOG.error("pair={} director={} reading details failed unexpectedly", id, observation.role().fieldName(),
                    unexpected);
            return observation.withDetails(new DirectorDetails(null, java.util.Map.of(), null,
                    "reading details failed: " + unexpected.getClass().getSimpleName()));
        }
    }

    /** Forgets a deleted pair: closes its clients. */
    public void forget(ResourceID pair) {
        clients.evictPair(pair);
        details.forget(pair);
        for (DirectorRole role : DirectorRole.values()) {
            lastAnswered.remove(new Key(pair, role));
            silentSince.remove(new Key(pair, role));
            lastRead.remove(new Key(pair, role));
        }
    }

    private Contact contact(BinaryBoshPair pair, ResourceID id, DirectorRole role, String field,
                            DirectorConnectionSpec spec) {
        Key key = new Key(id, role);
        String url = spec == null ? null : spec.getUrl();
        try {
            EndpointResolution resolution = endpoints.resolve(pair.getMetadata().getNamespace(), field, spec);
            if (resolution instanceof EndpointResolution.Unresolved unresolved) {
                endpoints.stale(pair.getMetadata().getNamespace(), spec);
                clients.evict(id, role);
                return new Contact(DirectorObservation.notContacted(role, url, unresolved.problem(),
                        clock.instant(), lastAnswered.get(key)), null);
            }
            DirectorEndpoint endpoint = ((EndpointResolution.Resolved) resolution).endpoint();
            DirectorClient client;
            try {
                client = clients.clientFor(id, role, endpoint);
            } catch (DirectorCaCertificateException | IllegalArgumentException badCa) {
                endpoints.stale(pair.getMetadata().getNamespace(), spec);
                return new Contact(DirectorObservation.notContacted(role, url,
                        new ConfigProblem(Reason.INVALID_CA_CERTIFICATE,
                                field + ".caSecretRef: the CA certificate cannot be used: " + badCa.getMessage()),
                        clock.instant(), lastAnswered.get(key)), null);
            }
            DirectorObservation observation = withSilence(key, ask(client, key, role, url));
            if (observation.outcome() == Outcome.CREDENTIALS_REJECTED || observation.outcome() == Outcome.TLS_UNTRUSTED) {
                endpoints.stale(pair.getMetadata().getNamespace(), spec);
            }
            return new Contact(observation, client);
        } catch (RuntimeException | Error unexpected) {
            LOG.error("pair={} director={} observation failed unexpectedly", id, role.fieldName(), unexpected);
            return new Contact(new DirectorObservation(role, url, Outcome.UNEXPECTED_RESPONSE, null, null, null,
                    "observation failed: " + unexpected.getClass().getSimpleName(), clock.instant(),
                    lastAnswered.get(key), null, null), null);
        }
    }

    private DirectorObservation withSilence(Key key, DirectorObservation observation) {
        if (observation.answered()) {
            silentSince.remove(key);
            return observation;
        }
        return observation.silentSince(silentSince.computeIfAbsent(key, k -> observation.observedAt()));
    }

    private DirectorObservation ask(DirectorClient client, Key key, DirectorRole role, String url) {
        try {
            DirectorInfo info = client.authenticatedInfo();
            Instant now = clock.instant();
            lastAnswered.put(key, now);
            return new DirectorObservation(role, url, Outcome.REACHABLE, info, info.user(), null, null, now, now, null, null);
        } catch (DirectorUnauthorizedException rejected) {
            DirectorInfo info = unauthenticatedInfo(client);
            Instant now = clock.instant();
            if (info != null) {
                lastAnswered.put(key, now);
            }
            return new DirectorObservation(role, url, Outcome.CREDENTIALS_REJECTED, info, null, null,
                    rejected.getMessage(), now, lastAnswered.get(key), null, null);
        } catch (UaaUnavailableException uaa) {
            DirectorInfo info;
            try {
                info = client.info();
            } catch (DirectorUnreachableException unreachable) {
                // the director is down as well: that is the observation, its UAA with it
                return failed(role, url, key, Outcome.UNREACHABLE, unreachable);
            } catch (DirectorException other) {
                return failed(role, url, key, Outcome.UNEXPECTED_RESPONSE, other);
            }
            Instant now = clock.instant();
            lastAnswered.put(key, now);
            return new DirectorObservation(role, url, Outcome.UAA_UNAVAILABLE, info, null, null, uaa.getMessage(), now,
                    lastAnswered.get(key), null, null);
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
                lastAnswered.get(key), null, null);
    }
}
