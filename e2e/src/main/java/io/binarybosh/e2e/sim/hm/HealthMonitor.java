package io.binarybosh.e2e.sim.hm;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.Heartbeat;
import io.binarybosh.e2e.sim.agent.Nats;
import io.binarybosh.e2e.sim.director.DirectorConfig;
import io.binarybosh.e2e.sim.director.HmConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The health monitor on a director VM. It learns agents from `GET /deployments/:d/instances`, hears
 * heartbeats on its director's NATS, times agents out, and lets the resurrector request `scan_and_fix`
 * over the director API, with the real timings (scaled) and the real meltdown rule.
 */
public final class HealthMonitor {
    record TrackedAgent(String deployment, String job, String instanceId, long updatedAtNanos) {
        TrackedAgent touched(long now) {
            return new TrackedAgent(deployment, job, instanceId, now);
        }
    }

    record InstanceKey(String deployment, String job, String id) {
    }

    private final HmConfig hm;
    private final Timings timings;
    private final Nats nats;
    private final DirectorHttp http;
    private final MeltdownRule meltdownRule;
    private final ScheduledExecutorService scheduler;
    private final Map<String, TrackedAgent> agents = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lockedDeployments = new ConcurrentHashMap<>();
    private final Map<String, List<InstanceKey>> instancesWithoutVm = new ConcurrentHashMap<>();
    private final Map<InstanceKey, Instant> criticalAlerts = new ConcurrentHashMap<>();
    private final BoundedList<Alert> alerts = new BoundedList<>(1000);
    private final BoundedList<String> scanAndFixRequests = new BoundedList<>(1000);
    private volatile ResurrectionRules rules = ResurrectionRules.none();
    private volatile String rulesDigest = "";
    private volatile boolean directorAnswered;

    public HealthMonitor(DirectorConfig config, Timings timings, Nats nats) {
        this.hm = config.hm();
        this.timings = timings;
        this.nats = nats;
        this.http = new DirectorHttp(config, hm.user(), hm.password(), max(timings.seconds(10), Duration.ofSeconds(2)));
        this.meltdownRule = new MeltdownRule(hm.minimumDownJobs(), hm.percentThreshold());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hm-" + config.address());
            t.setDaemon(true);
            return t;
        });
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void start() {
        nats.onHeartbeat(this::heartbeat);
        long grace = timings.seconds(hm.pollGracePeriod()).toNanos();
        every(this::pollDirector, 0, hm.pollDirector());
        every(this::analyzeAgents, grace, hm.analyzeAgents());
        every(this::analyzeInstances, grace, hm.analyzeInstances());
        every(this::refreshResurrectionConfig, 0, hm.resurrectionConfig());
    }

    private void every(Runnable action, long initialDelayNanos, double realSeconds) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                alerts.add(new Alert(3, "hm", "HM error: " + e, Instant.now()));
            }
        }, initialDelayNanos, timings.seconds(realSeconds).toNanos(), TimeUnit.NANOSECONDS);
    }

    public void stop() {
        scheduler.shutdownNow();
        http.close();
    }

    public List<Alert> alerts() {
        return alerts.snapshot();
    }

    /** The bodies of the `scan_and_fix` requests sent, as `<deployment> <json>`. */
    public List<String> scanAndFixRequests() {
        return scanAndFixRequests.snapshot();
    }

    private void heartbeat(Heartbeat heartbeat) {
        agents.computeIfPresent(heartbeat.agentId(), (id, a) -> a.touched(System.nanoTime()));
    }

    void pollDirector() {
        var deployments = http.get("/deployments?exclude_configs=true&exclude_releases=true&exclude_stemcells=true");
        if (deployments.isEmpty() || deployments.get().status() != 200) {
            return;
        }
        Set<String> seenAgents = ConcurrentHashMap.newKeySet();
        Map<String, Boolean> locked = new HashMap<>();
        Map<String, List<InstanceKey>> withoutVm = new HashMap<>();
        for (JsonNode d : Json.read(deployments.get().body())) {
            String name = d.path("name").asText();
            locked.put(name, d.path("locked").asBoolean());
            var instances = http.get("/deployments/" + encode(name) + "/instances");
            if (instances.isEmpty() || instances.get().status() != 200) {
                continue;
            }
            List<InstanceKey> missing = new ArrayList<>();
            for (JsonNode i : Json.read(instances.get().body())) {
                String agentId = i.path("agent_id").isNull() ? null : i.path("agent_id").asText(null);
                if (agentId != null) {
                    seenAgents.add(agentId);
                    agents.putIfAbsent(agentId, new TrackedAgent(name, i.path("job").asText(), i.path("id").asText(), System.nanoTime()));
                } else if (i.path("expects_vm").asBoolean() && i.path("cid").isNull()) {
                    missing.add(new InstanceKey(name, i.path("job").asText(), i.path("id").asText()));
                }
            }
            withoutVm.put(name, missing);
        }
        agents.keySet().retainAll(seenAgents);
        lockedDeployments.clear();
        lockedDeployments.putAll(locked);
        instancesWithoutVm.clear();
        instancesWithoutVm.putAll(withoutVm);
    }

    void analyzeAgents() {
        long now = System.nanoTime();
        long timeout = timings.seconds(hm.agentTimeout()).toNanos();
        Map<String, Map<String, List<String>>> timedOut = new TreeMap<>();
        agents.forEach((id, a) -> {
            if (Boolean.TRUE.equals(lockedDeployments.get(a.deployment()))) {
                return;
            }
            if (now - a.updatedAtNanos() > timeout) {
                alerts.add(new Alert(2, "vm_health", id + " has timed out", Instant.now()));
                timedOut.computeIfAbsent(a.deployment(), k -> new TreeMap<>())
                        .computeIfAbsent(a.job(), k -> new ArrayList<>()).add(a.instanceId());
            }
        });
        timedOut.forEach((d, jobs) -> deploymentAlert(d, d + " has instances with timed out agents", jobs));
    }

    void analyzeInstances() {
        instancesWithoutVm.forEach((d, missing) -> {
            if (missing.isEmpty() || Boolean.TRUE.equals(lockedDeployments.get(d))) {
                return;
            }
            Map<String, List<String>> jobs = new TreeMap<>();
            missing.forEach(k -> jobs.computeIfAbsent(k.job(), x -> new ArrayList<>()).add(k.id()));
            deploymentAlert(d, d + " has instances which do not have VMs", jobs);
        });
    }

    private void deploymentAlert(String deployment, String title, Map<String, List<String>> jobsToInstanceIds) {
        alerts.add(new Alert(2, "deployment_health", title, Instant.now()));
        if (hm.resurrectorEnabled()) {
            resurrect(deployment, jobsToInstanceIds);
        }
    }

    /** `hm/plugins/resurrector.rb#process` for one critical deployment_health alert. */
    private void resurrect(String deployment, Map<String, List<String>> jobsToInstanceIds) {
        Instant now = Instant.now();
        jobsToInstanceIds.forEach((job, ids) -> ids.forEach(id -> criticalAlerts.put(new InstanceKey(deployment, job, id), now)));
        Instant horizon = now.minus(timings.seconds(hm.timeThreshold()));
        criticalAlerts.values().removeIf(t -> t.isBefore(horizon));
        int unhealthy = (int) criticalAlerts.keySet().stream().filter(k -> k.deployment().equals(deployment)).count();
        int total = (int) agents.values().stream().filter(a -> a.deployment().equals(deployment)).count()
                + instancesWithoutVm.getOrDefault(deployment, List.of()).size();
        DeploymentState state = meltdownRule.state(unhealthy, total);
        if (state == DeploymentState.MELTDOWN) {
            alerts.add(new Alert(1, "deployment_health", "We are in meltdown", now));
            return;
        }
        if (state == DeploymentState.NORMAL) {
            return;
        }
        Map<String, List<String>> enabled = new LinkedHashMap<>();
        jobsToInstanceIds.forEach((job, ids) -> {
            if (rules.enabled(deployment, job)) {
                enabled.put(job, ids);
            }
        });
        if (enabled.isEmpty()) {
            return;
        }
        if (!directorAnswered) {
            directorAnswered = http.get("/info").map(r -> r.status() == 200).orElse(false);
            if (!directorAnswered) {
                alerts.add(new Alert(4, "hm", "director is not responding", now));
                return;
            }
        }
        var tasks = http.get("/tasks?deployment=" + encode(deployment) + "&state=queued,processing&verbose=2");
        if (tasks.isEmpty() || tasks.get().status() != 200) {
            return;
        }
        for (JsonNode task : Json.read(tasks.get().body())) {
            if ("scan and fix".equals(task.path("description").asText())) {
                return;
            }
        }
        String body = Json.write(Map.of("jobs", enabled));
        http.putJson("/deployments/" + encode(deployment) + "/scan_and_fix", body);
        scanAndFixRequests.add(deployment + " " + body);
        alerts.add(new Alert(4, "deployment_health", "Scan unresponsive VMs", now));
    }

    void refreshResurrectionConfig() {
        var configs = http.get("/configs?type=resurrection&latest=true");
        if (configs.isEmpty() || configs.get().status() != 200) {
            return;
        }
        List<String> contents = new ArrayList<>();
        Json.read(configs.get().body()).forEach(c -> contents.add(c.path("content").asText()));
        String digest = String.join("\u0000", contents);
        if (!digest.equals(rulesDigest)) {
            rulesDigest = digest;
            rules = ResurrectionRules.parse(contents);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
