package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorNotFoundException;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.VmDetails;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what an answering director knows beyond /info. Cheap calls every poll (/resurrection, /deployments,
 * the managed deployment's instances and in-flight tasks); the manifest every few minutes; the agent check
 * ({@code instances?format=full}, a director task) every few minutes, or at once when the managed director
 * stopped answering, since only the manager can tell a dead VM from stopped jobs.
 */
public final class DirectorDetailsReader {

    /** How often the managed director's manifest is read again for its health monitor settings. */
    public static final Duration MANIFEST_REFRESH = Duration.ofMinutes(5);
    /** How often the managing director is asked whether the managed agent reports, while all looks well. */
    public static final Duration AGENT_CHECK_INTERVAL = Duration.ofMinutes(5);
    /** How often at most it is asked while the managed director does not answer or its agent did not. */
    public static final Duration SUSPECT_AGENT_CHECK_INTERVAL = Duration.ofSeconds(10);
    /**
     * After a start, the first agent checks of answering directors are spread over this long. A check is a director
     * task and four or five requests, as many as a pair's first read: at a thousand pairs, checks spread over the
     * first half minute competed with the first reads, which make the pairs' statuses, for the operator's CPU.
     */
    static final Duration FIRST_CHECK_SPREAD = Duration.ofSeconds(60);
    private static final Duration AGENT_CHECK_TIMEOUT = Duration.ofSeconds(60);
    static final String CONTEXT_PREFIX = "bbo-observe-";
    /** The description of the {@code ?format=full} task (bosh {@code api/instance_manager.rb}). */
    public static final String AGENT_CHECK_TASK = "retrieve vm-stats";
    private static final String RESURRECTION_CONFIG = "resurrection";

    private record Key(ResourceID pair, DirectorRole role, String deployment) {
    }

    private record CachedSettings(HealthMonitorSettings settings, Instant readAt) {
    }

    private final Clock clock;
    private final Map<Key, CachedSettings> manifests = new ConcurrentHashMap<>();
    private final Map<Key, AgentView> agents = new ConcurrentHashMap<>();
    private final Map<Key, Instant> firstAsked = new ConcurrentHashMap<>();
    /** When this operator first saw each of its own agent checks in flight, by task id. */
    private final Map<Key, Map<Long, Instant>> checksSeen = new ConcurrentHashMap<>();

    public DirectorDetailsReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param managedDeployment the deployment this director manages, or null to read only its own state
     * @param silentSince       since when the managed director has not answered, or null while it answers
     * @param wantManifest      read the managed deployment's manifest now, to compare it with a desired one
     */
    public DirectorDetails read(ResourceID pair, DirectorRole role, DirectorClient client, String managedDeployment,
                                Instant silentSince, boolean wantManifest) {
        return read(pair, role, client, managedDeployment, silentSince, wantManifest, null, false);
    }

    /**
     * @param user         the operator's user on this director, whose own agent checks it bounds
     * @param configServer the director has a config server (its /info says so)
     */
    public DirectorDetails read(ResourceID pair, DirectorRole role, DirectorClient client, String managedDeployment,
                                Instant silentSince, boolean wantManifest, String user, boolean configServer) {
        return read(pair, role, client, managedDeployment, silentSince, wantManifest, user, configServer, false);
    }

    /**
     * @param spread whether the agent checks of an answering director fall on the pair's slots
     *               ({@link #agentCheckPhase}), the first one included; false while the pair needs every detail now
     *               (an operation in flight): then the first check is made at once and the next five minutes later
     */
    public DirectorDetails read(ResourceID pair, DirectorRole role, DirectorClient client, String managedDeployment,
                                Instant silentSince, boolean wantManifest, String user, boolean configServer,
                                boolean spread) {
        Boolean resurrection;
        Map<String, Boolean> deployments = new LinkedHashMap<>();
        List<Task> directorWide = null;
        try {
            resurrection = client.resurrectionEnabled();
            for (Deployment deployment : client.deployments(DeploymentsQuery.namesAndLocks())) {
                deployments.put(deployment.name(), deployment.isLocked());
            }
            if (role == DirectorRole.MICRO) {
                // what a copy of its database would run on Meta: queued and processing tasks of every deployment
                directorWide = client.tasks(TaskQuery.inFlight());
            }
        } catch (DirectorException e) {
            return new DirectorDetails(null, Map.of(), null, e.getMessage());
        }
        if (managedDeployment == null) {
            return new DirectorDetails(resurrection, deployments, null, null, directorWide);
        }
        Key key = new Key(pair, role, managedDeployment);
        if (!deployments.containsKey(managedDeployment)) {
            manifests.remove(key);
            agents.remove(key);
            firstAsked.remove(key);
            checksSeen.remove(key);
            return new DirectorDetails(resurrection, deployments, new ManagedDeploymentView(managedDeployment,
                    false, false, List.of(), List.of(), null, null, null), null, directorWide);
        }
        ManagedDeploymentView view = managed(key, client, managedDeployment, deployments.get(managedDeployment),
                silentSince, wantManifest, user, spread);
        if (role == DirectorRole.MICRO && configServer) {
            // what a director started on a copy of this database will look up: the deployment's versioned names
            try {
                view = view.withVariables(client.variables(managedDeployment));
            } catch (DirectorException e) {
                view = view.withError("variables: " + e.getMessage());
            }
        }
        return new DirectorDetails(resurrection, deployments, view, null, directorWide);
    }

    /** Forgets a deleted pair. */
    public void forget(ResourceID pair) {
        manifests.keySet().removeIf(key -> key.pair().equals(pair));
        agents.keySet().removeIf(key -> key.pair().equals(pair));
        firstAsked.keySet().removeIf(key -> key.pair().equals(pair));
        checksSeen.keySet().removeIf(key -> key.pair().equals(pair));
    }

    /** Where in {@link #AGENT_CHECK_INTERVAL} a pair's checks by this director fall. */
    public static PairPhase agentCheckPhase(ResourceID pair, DirectorRole role) {
        return PairPhase.of(pair, role.fieldName() + "/agent-check");
    }

    private ManagedDeploymentView managed(Key key, DirectorClient client, String deployment, boolean locked,
                                          Instant silentSince, boolean wantManifest, String user, boolean spread) {
        List<Instance> instances;
        List<Task> tasks;
        try {
            instances = client.instances(deployment);
            tasks = client.tasks(TaskQuery.inFlight().withDeployment(deployment));
        } catch (DirectorNotFoundException gone) {
            return new ManagedDeploymentView(deployment, false, false, List.of(), List.of(), null, null, null);
        } catch (DirectorException e) {
            return new ManagedDeploymentView(deployment, true, locked, List.of(), List.of(), null, null,
                    e.getMessage());
        }
        String error = null;
        HealthMonitorSettings settings = null;
        String manifest = null;
        try {
            if (wantManifest) {
                manifest = client.manifest(deployment);
                settings = new ManifestSettingsReader().read(manifest).orElse(null);
                manifests.put(key, new CachedSettings(settings, clock.instant()));
            } else {
                settings = settings(key, client, deployment);
            }
        } catch (DirectorException e) {
            error = "manifest: " + e.getMessage();
        }
        ResurrectionConfigRules rules = null;
        if (key.role() != DirectorRole.MICRO) {
            try {
                rules = ResurrectionConfigRules.parse(client.configs(RESURRECTION_CONFIG, true));
            } catch (DirectorException e) {
                error = (error == null ? "" : error + "; ") + "resurrection configs: " + e.getMessage();
            }
        }
        AgentView agent = agents.get(key);
        // The Micro is asked only what it holds (split brain, who manages Primary before the migration): no task on it.
        if (key.role() != DirectorRole.MICRO && agentCheckDue(key, agent, silentSince, locked, spread)
                && !agentCheckInFlight(key, client, tasks, user)) {
            try {
                agent = checkAgent(client, deployment, instances);
                agents.put(key, agent);
            } catch (DirectorException e) {
                error = (error == null ? "" : error + "; ") + "agent check: " + e.getMessage();
            }
        }
        return new ManagedDeploymentView(deployment, true, locked, instances, tasks, agent, settings, error, manifest,
                rules);
    }

    /**
     * Whether an agent check of this operator is still queued or running: then no other is started, and one older
     * than its wait is cancelled, so that checks that cannot run (busy workers, a director without its workers) do
     * not pile up. A queued task shows neither {@code timestamp} nor {@code started_at} (bosh
     * {@code api/task_manager.rb}), so its age counts from when this operator first saw it.
     */
    private boolean agentCheckInFlight(Key key, DirectorClient client, List<Task> tasks, String user) {
        Map<Long, Instant> seen = checksSeen.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        Instant now = clock.instant();
        boolean inFlight = false;
        Set<Long> current = new HashSet<>();
        for (Task task : tasks) {
            if (!AGENT_CHECK_TASK.equals(task.description()) || user == null || !user.equals(task.user())) {
                continue;
            }
            inFlight = true;
            current.add(task.id());
            Instant firstSeen = seen.computeIfAbsent(task.id(), id -> now);
            Instant since = task.startedAt() != null ? Instant.ofEpochSecond(task.startedAt()) : firstSeen;
            if (since.plus(AGENT_CHECK_TIMEOUT).isBefore(now)) {
                try {
                    client.cancelTask(task.id());
                } catch (DirectorException alreadyEnded) {
                    // it ended meanwhile, or the director refuses: the next poll looks again
                }
            }
        }
        seen.keySet().retainAll(current);
        return inFlight;
    }

    private boolean agentCheckDue(Key key, AgentView last, Instant silentSince, boolean locked, boolean spread) {
        if (locked) {
            // A locked deployment is being changed; its VM may be gone on purpose for a while.
            return false;
        }
        Instant now = clock.instant();
        PairPhase phase = agentCheckPhase(key.pair(), key.role());
        if (last == null) {
            // A director that answers is first checked at the pair's slot within FIRST_CHECK_SPREAD: a thousand pairs
            // started together do not all ask their directors for a task at once, and none waits long for what only
            // the check tells (an ignored instance, an agent reporting elsewhere). One that is silent is checked at once.
            Instant first = firstAsked.computeIfAbsent(key, k -> now);
            return !spread || silentSince != null || !phase.slotAtOrAfter(first, FIRST_CHECK_SPREAD).isAfter(now);
        }
        if (silentSince != null && last.checkedAt().isBefore(silentSince)) {
            // Checked while it still answered: says nothing about why it stopped.
            return true;
        }
        // A director that is silent, or whose last check was bad, is checked often, so that its recovery shows too.
        boolean watch = silentSince != null || !last.running();
        if (watch || !spread) {
            Duration age = Duration.between(last.checkedAt(), now);
            return age.compareTo(watch ? SUSPECT_AGENT_CHECK_INTERVAL : AGENT_CHECK_INTERVAL) >= 0;
        }
        return !phase.nextAfter(last.checkedAt(), AGENT_CHECK_INTERVAL).isAfter(now);
    }

    private AgentView checkAgent(DirectorClient client, String deployment, List<Instance> instances) {
        Instant now = clock.instant();
        List<VmDetails> details = client.instanceDetails(deployment,
                ContextId.of(CONTEXT_PREFIX + now.getEpochSecond()), AGENT_CHECK_TIMEOUT);
        if (details.isEmpty()) {
            Instance instance = instances.stream().findFirst().orElse(null);
            return new AgentView(null, instance == null ? null : instance.cid(),
                    instance == null ? null : instance.agentId(), now);
        }
        // The result's lines come in no set order: the line is the one of the deployment's instance, by its id.
        String instanceId = instances.stream().findFirst().map(Instance::id).orElse(null);
        VmDetails vm = details.stream().filter(d -> instanceId != null && instanceId.equals(d.id())).findFirst()
                .or(() -> details.stream().filter(d -> d.vmCid() != null).findFirst())
                .orElse(details.get(0));
        return new AgentView(vm.jobState(), vm.vmCid(), vm.agentId(), now, Boolean.TRUE.equals(vm.ignore()));
    }

    private HealthMonitorSettings settings(Key key, DirectorClient client, String deployment) {
        CachedSettings cached = manifests.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.readAt().plus(MANIFEST_REFRESH).isAfter(now)) {
            return cached.settings();
        }
        HealthMonitorSettings settings = new ManifestSettingsReader().read(client.manifest(deployment))
                .orElse(null);
        manifests.put(key, new CachedSettings(settings, now));
        return settings;
    }
}
