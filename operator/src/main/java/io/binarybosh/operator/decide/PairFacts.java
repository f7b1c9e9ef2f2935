package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.observe.DesiredManifest;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.PairObservation;

import java.time.Instant;
import java.util.Optional;

/**
 * Primary and Meta as seen through each other, and the Micro if declared: the one derived view both the status
 * and the decision read. A director manages Primary (or Meta) when it holds the deployment and the deployment's VM is
 * at the address Primary's (Meta's) URL names. Pure.
 */
public record PairFacts(DirectorFacts primary, DirectorFacts meta, DirectorObservation micro, Instant observedAt,
                        Instant now) {

    public static PairFacts of(BinaryBoshPairSpec spec, BinaryBoshPairStatus previous,
                               Optional<PairObservation> observation, Instant now) {
        DirectorObservation primaryObs = observation.map(PairObservation::primary).orElse(null);
        DirectorObservation metaObs = observation.map(PairObservation::meta).orElse(null);
        DirectorObservation microObs = observation.flatMap(PairObservation::microObservation).orElse(null);
        String primaryDeployment = spec.getPrimary().getDeployment();
        String metaDeployment = spec.getMeta().getDeployment();

        // Primary is managed by Meta once migrated; before that by the Micro.
        DirectorRole primaryManager = null;
        String primaryUrl = spec.getPrimary().getUrl();
        String metaUrl = spec.getMeta().getUrl();
        ManagedDeploymentView primaryView = managed(metaObs, primaryDeployment);
        if (primaryView != null && primaryView.exists() && runsAt(primaryView, primaryUrl)) {
            primaryManager = DirectorRole.META;
        } else {
            ManagedDeploymentView onMicro = managed(microObs, primaryDeployment);
            if (onMicro != null && onMicro.exists() && runsAt(onMicro, primaryUrl)) {
                primaryManager = DirectorRole.MICRO;
                primaryView = onMicro;
            }
        }
        ManagedDeploymentView metaView = managed(primaryObs, metaDeployment);
        DirectorRole metaManager = metaView != null && metaView.exists() && runsAt(metaView, metaUrl)
                ? DirectorRole.PRIMARY : null;

        // A view of a deployment whose VM is elsewhere tells nothing about this director.
        primaryView = primaryManager == null ? null : primaryView;
        metaView = metaManager == null ? null : metaView;
        return new PairFacts(
                new DirectorFacts(DirectorRole.PRIMARY, primaryDeployment, primaryObs, previous.getPrimary(),
                        primaryManager, primaryView, lastSeen(primaryObs), now,
                        desired(observation, DirectorRole.PRIMARY)),
                new DirectorFacts(DirectorRole.META, metaDeployment, metaObs, previous.getMeta(), metaManager,
                        metaView, lastSeen(metaObs), now, desired(observation, DirectorRole.META)),
                microObs, observation.map(PairObservation::observedAt).orElse(null), now);
    }

    public DirectorFacts of(DirectorRole role) {
        return role == DirectorRole.PRIMARY ? primary : meta;
    }

    /**
     * Whether the directors were looked at after {@code moment}, a time recorded in status: those are kept to the
     * second, so a look in the same second may have come before it.
     */
    public boolean lookedAtAfter(Instant moment) {
        return observedAt != null && !observedAt.isBefore(moment.plusSeconds(1));
    }

    public DirectorFacts peerOf(DirectorRole role) {
        return role == DirectorRole.PRIMARY ? meta : primary;
    }

    private static String desired(Optional<PairObservation> observation, DirectorRole role) {
        return observation.flatMap(o -> o.desiredManifest(role)).map(DesiredManifest::yaml).orElse(null);
    }

    private static ManagedDeploymentView managed(DirectorObservation observation, String deployment) {
        if (observation == null || observation.details() == null) {
            return null;
        }
        DirectorDetails details = observation.details();
        return details.managedView().filter(view -> view.deployment().equals(deployment)).orElse(null);
    }

    /**
     * Whether the deployment's VM is the director at {@code url}: its manager lists the address the URL names.
     * Unknown (no addresses listed, or a URL naming a host, not an address) counts as the same.
     */
    static boolean runsAt(ManagedDeploymentView view, String url) {
        if (view == null || url == null) {
            return true;
        }
        String host = java.net.URI.create(url).getHost();
        if (host == null || !host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) {
            return true;
        }
        String bare = host.replace("[", "").replace("]", "");
        return view.instance().map(i -> i.ips().isEmpty() || i.ips().contains(bare)).orElse(true);
    }

    /**
     * When it last answered, as this process knows it, or else when this process first found it silent. The
     * status's lastSeenTime is not used: it may be minutes stale, and an overestimated downtime would trigger a
     * repair early after an operator restart.
     */
    private static Instant lastSeen(DirectorObservation observation) {
        if (observation == null) {
            return null;
        }
        if (observation.answered()) {
            return observation.observedAt();
        }
        return observation.lastAnsweredAt() != null ? observation.lastAnsweredAt() : observation.silentSince();
    }
}
