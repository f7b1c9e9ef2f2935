package io.binarybosh.e2e.sim.agent;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.ApplySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agent on one VM. It dials the NATS address baked into its settings, and nothing else, forever:
 * if that director is gone it keeps retrying the same address, as a real agent does.
 */
public final class Agent {
    private final AgentSettings settings;
    private final Vm vm;
    private final NatsNetwork network;
    private final JobCatalog catalog;
    private final ScheduledExecutorService scheduler;
    private final Timings timings;
    private final Map<String, String> sshUsers = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> loop;
    private volatile Nats connection;
    private volatile long lastHeartbeatNanos;
    private volatile ApplySpec spec;
    private volatile JobProcess jobs;
    private volatile boolean stoppedByDirector;

    public Agent(AgentSettings settings, Vm vm, NatsNetwork network, JobCatalog catalog,
                 ScheduledExecutorService scheduler, Timings timings) {
        this.settings = settings;
        this.vm = vm;
        this.network = network;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.timings = timings;
    }

    public String agentId() {
        return settings.agentId();
    }

    public AgentSettings settings() {
        return settings;
    }

    public synchronized void start() {
        if (loop == null) {
            long period = timings.reconnectInterval().toNanos();
            loop = scheduler.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Kills the agent process; the jobs it started keep running. */
    public synchronized void stop() {
        if (loop != null) {
            loop.cancel(false);
            loop = null;
        }
        Nats current = connection;
        if (current != null) {
            current.disconnect(this);
        }
        connection = null;
    }

    public boolean isRunning() {
        return loop != null;
    }

    boolean answersOn(Nats nats) {
        return loop != null && connection == nats;
    }

    private void tick() {
        try {
            Nats current = connection;
            if (current == null || !current.isOpen()) {
                connection = null;
                network.dial(settings.mbusAddress()).filter(n -> n.accepts(settings)).ifPresent(n -> {
                    n.connect(this);
                    connection = n;
                    heartbeat(n);
                });
            } else if (System.nanoTime() - lastHeartbeatNanos >= timings.heartbeatInterval().toNanos()) {
                heartbeat(current);
            }
        } catch (RuntimeException e) {
            // a real agent logs and keeps its loop alive
        }
    }

    private void heartbeat(Nats nats) {
        lastHeartbeatNanos = System.nanoTime();
        ApplySpec current = spec;
        JobProcess running = jobs;
        nats.publish(new Heartbeat(agentId(),
                current == null ? null : current.deployment(),
                current == null ? null : current.job(),
                current == null ? null : current.index(),
                jobState(),
                current == null ? null : current.id(),
                running == null ? 0 : running.monitNames().size()));
    }

    // ---- actions the director sends over NATS ----

    public AgentState getState() {
        JobProcess running = jobs;
        List<ProcessState> processes = new ArrayList<>();
        if (running != null) {
            // monit reports stopped (unmonitored) processes as `unknown` to the agent
            String state = running.running() ? "running" : "unknown";
            running.monitNames().forEach(n -> processes.add(new ProcessState(n, state)));
        }
        return new AgentState(agentId(), jobState(), processes);
    }

    /** Real agents answer `stopped` when told to stop, `failing` when monit has processes down. */
    public String jobState() {
        JobProcess running = jobs;
        if (stoppedByDirector) {
            return "stopped";
        }
        if (running == null || running.running()) {
            return "running";
        }
        return "failing";
    }

    public synchronized void apply(ApplySpec newSpec) {
        stopJobs();
        spec = newSpec;
        stoppedByDirector = false;
        startJobs();
    }

    public ApplySpec spec() {
        return spec;
    }

    /** `monit stop all`: the processes stop, the agent goes on heartbeating `failing`. */
    public synchronized void stopJobs() {
        JobProcess running = jobs;
        if (running != null) {
            running.stop();
        }
    }

    /** `monit start all`. */
    public synchronized void startJobs() {
        JobProcess running = jobs;
        if (spec != null && (running == null || !running.running())) {
            jobs = catalog.start(vm, spec);
        }
    }

    /** `bosh stop`: the director stops the jobs and the agent reports `stopped`. */
    public synchronized void stopByDirector() {
        stopJobs();
        stoppedByDirector = true;
    }

    public synchronized void startByDirector() {
        stoppedByDirector = false;
        startJobs();
    }

    public String setupSsh(String user, String publicKey) {
        String hostKey = vm.hostPublicKey();
        vm.host().authorize(user, publicKey);
        sshUsers.put(user, publicKey);
        return hostKey;
    }

    public void cleanupSsh(String userRegex) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(userRegex);
        sshUsers.keySet().removeIf(u -> pattern.matcher(u).find());
        vm.host().revoke(pattern);
    }

    public Map<String, String> sshUsers() {
        return Map.copyOf(sshUsers);
    }

    /** The VM is gone: the agent and every process on it die with it. */
    public synchronized void destroy() {
        stop();
        stopJobs();
    }
}
