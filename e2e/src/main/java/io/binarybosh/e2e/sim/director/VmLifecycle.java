package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.AgentSettings;
import io.binarybosh.e2e.sim.agent.AgentState;
import io.binarybosh.e2e.sim.agent.Nats;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.iaas.Iaas;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import io.binarybosh.e2e.sim.store.VmRef;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating, deleting and asking VMs, through the CPI and the agents. A VM created here gets settings
 * pointing at this director's NATS: its agent will report here and nowhere else.
 */
public final class VmLifecycle {
    private final DirectorDb db;
    private final VariableSets variables;
    private final Iaas iaas;
    private final Nats nats;
    private final DirectorConfig config;
    private final Timings timings;

    public VmLifecycle(DirectorDb db, Iaas iaas, Nats nats, DirectorConfig config, Timings timings) {
        this.variables = new VariableSets(db, config);
        this.db = db;
        this.iaas = iaas;
        this.nats = nats;
        this.config = config;
        this.timings = timings;
    }

    public Iaas iaas() {
        return iaas;
    }

    /** A deploy versions the manifest's variables before it renders anything. */
    public void versionVariables(String deployment, String manifest) {
        variables.version(deployment, manifest);
    }

    public InstanceRow create(String deployment, InstanceRow instance) {
        // rendering the instance's templates interpolates the deployment's variables from its current set
        variables.requireVersioned(deployment, db.read(t -> t.deployments.containsKey(deployment)
                ? t.deployments.get(deployment).manifest() : null));
        String disk = instance.diskCid();
        if (instance.spec().persistentDiskMb() > 0 && !iaas.hasDisk(disk)) {
            disk = iaas.createDisk(instance.spec().persistentDiskMb());
        }
        String agentId = UUID.randomUUID().toString();
        String ip = instance.ips().isEmpty() ? null : instance.ips().get(0);
        Vm vm = iaas.createVm(new AgentSettings(agentId, config.address(), config.natsCaId()), ip, disk);
        VmRef ref = new VmRef(vm.cid(), agentId, DateTimeFormatter.ISO_INSTANT.format(vm.createdAt()), List.of(vm.address()));
        InstanceRow updated = instance.withVm(ref).withDisk(disk).withIps(List.of(vm.address()));
        save(deployment, updated);
        waitForAgent(ref);
        boolean stopped = "stopped".equals(updated.state());
        nats.request(agentId, a -> {
            a.apply(updated.spec());
            if (stopped) {
                a.stopByDirector();
            }
            return true;
        }, timings.scanGetStateTimeout()).orElseThrow(() -> timedOut("apply", updated));
        return updated;
    }

    public InstanceRow delete(String deployment, InstanceRow instance) {
        if (instance.vm() != null) {
            iaas.deleteVm(instance.vm().cid());
        }
        InstanceRow updated = instance.withVm(null);
        save(deployment, updated);
        return updated;
    }

    public InstanceRow recreate(String deployment, InstanceRow instance) {
        // the instance's templates are rendered (and its variables fetched) before the old VM is touched
        variables.requireVersioned(deployment, db.read(t -> t.deployments.containsKey(deployment)
                ? t.deployments.get(deployment).manifest() : null));
        return create(deployment, delete(deployment, instance));
    }

    public Optional<AgentState> getState(InstanceRow instance, Duration timeout) {
        if (instance.vm() == null) {
            return Optional.empty();
        }
        return nats.request(instance.vm().agentId(), a -> a.getState(), timeout);
    }

    public boolean responds(InstanceRow instance) {
        return instance.vm() != null && nats.isConnected(instance.vm().agentId());
    }

    public Nats nats() {
        return nats;
    }

    private void waitForAgent(VmRef ref) {
        long deadline = System.nanoTime() + timings.agentWaitTimeout().toNanos();
        while (!nats.isConnected(ref.agentId())) {
            if (System.nanoTime() > deadline || !nats.isOpen()) {
                throw new DirectorError(450002, 500, "Timed out pinging VM '" + ref.cid() + "' with agent '"
                        + ref.agentId() + "' after " + Math.round(timings.agentWaitTimeout().toMillis() / 1000.0) + " seconds");
            }
            // The real director also polls for the agent until agent_wait_timeout; the agent connects on its own thread.
            try {
                Thread.sleep(Math.max(1, Math.min(50, timings.vmBoot().toMillis() / 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskCancelled(0);
            }
        }
    }

    public DirectorError timedOut(String action, InstanceRow instance) {
        return new DirectorError(450002, 500, "Timed out sending '" + action + "' to instance: '" + instance.group() + "/"
                + instance.id() + "', agent-id: '" + (instance.vm() == null ? "" : instance.vm().agentId())
                + "' after " + Math.round(timings.seconds(45).toMillis() / 1000.0) + " seconds");
    }

    /** `DELETE /vms/:cid`: the CPI deletes the VM and the instance loses its reference. */
    public String deleteByCid(TaskContext ctx, String deployment, String cid) {
        ctx.track("Delete VM", List.of(), 1, 1, cid, () -> {
            ctx.step();
            iaas.deleteVm(cid);
            if (deployment != null) {
                db.read(t -> t.deployments.get(deployment)).instances().stream()
                        .filter(i -> i.vm() != null && i.vm().cid().equals(cid))
                        .forEach(i -> save(deployment, i.withVm(null)));
            }
        });
        return "VM " + cid + " is successfully deleted";
    }

    /** How long a director waits for an agent's answer to a plain request. */
    public Duration timedOutDelay() {
        return timings.seconds(45);
    }

    public void save(String deployment, InstanceRow instance) {
        db.write(t -> {
            var d = t.deployments.get(deployment);
            if (d != null) {
                t.deployments.put(deployment, d.updateInstance(instance.id(), i -> instance));
            }
        });
    }
}
