package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.DeploymentRow;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import io.binarybosh.e2e.sim.store.ProblemRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `bosh cck`: the VM scan (get_state with a 10 s timeout, then CPI `has_vm` to tell `missing_vm` from
 * `unresponsive_agent`) and the problem handlers that apply resolutions.
 */
public final class CloudCheck {
    private final DirectorDb db;
    private final VmLifecycle vms;
    private final Timings timings;

    public CloudCheck(DirectorDb db, VmLifecycle vms, Timings timings) {
        this.db = db;
        this.vms = vms;
        this.timings = timings;
    }

    /** Scans the given instances (all when null) and records what is wrong as open problems. */
    public int scan(TaskContext ctx, String deployment, Set<String> onlyIds) {
        // problem_scanner/vm_scan_stage.rb: instances that expect a VM, ignored ones counted but not scanned; one
        // whose VM reference is gone (no cid) times out on get_state and has no VM: missing_vm
        List<InstanceRow> expecting = instances(deployment).stream()
                .filter(i -> onlyIds == null || onlyIds.contains(i.id()))
                .filter(InstanceRow::expectsVm)
                .toList();
        List<InstanceRow> targets = expecting.stream().filter(i -> !i.ignore()).toList();
        long ignored = expecting.size() - targets.size();
        db.write(t -> t.problems.replaceAll(p -> p.deployment().equals(deployment) && p.state().equals("open")
                && (onlyIds == null || onlyIds.contains(p.instanceId())) ? p.withState("closed") : p));
        int[] counts = new int[3];
        String stage = "Scanning " + expecting.size() + " VMs";
        ctx.track(stage, List.of(), 2, 1, "Checking VM states", () -> {
            for (InstanceRow instance : targets) {
                ctx.checkpoint();
                if (vms.getState(instance, timings.scanGetStateTimeout()).isPresent()) {
                    counts[0]++;
                } else if (instance.vm() != null && vms.iaas().hasVm(instance.vm().cid())) {
                    counts[1]++;
                    addProblem(deployment, "unresponsive_agent", instance, "VM for '" + instance.describe()
                            + "' with cloud ID '" + instance.vm().cid() + "' is not responding.");
                } else {
                    counts[2]++;
                    addProblem(deployment, "missing_vm", instance, "VM for '" + instance.describe() + "'"
                            + (instance.vm() == null ? "" : " with cloud ID '" + instance.vm().cid() + "'")
                            + " missing.");
                }
            }
        });
        ctx.track(stage, List.of(), 2, 2, counts[0] + " OK, " + counts[1] + " unresponsive, " + counts[2]
                + " missing, 0 unbound" + (ignored > 0 ? ", " + ignored + " ignored" : ""), () -> { });
        ctx.track("Scanning 0 persistent disks", List.of(), 2, 1, "Looking for inactive disks", () -> { });
        ctx.track("Scanning 0 persistent disks", List.of(), 2, 2, "0 OK, 0 missing, 0 inactive, 0 mount-info mismatch", () -> { });
        return counts[1] + counts[2];
    }

    private void addProblem(String deployment, String type, InstanceRow instance, String description) {
        db.write(t -> t.problems.add(new ProblemRow(++t.lastProblemId, deployment, type, instance.id(), "open", description)));
    }

    public List<ProblemRow> openProblems(String deployment) {
        return db.read(t -> t.problems.stream().filter(p -> p.deployment().equals(deployment) && p.state().equals("open")).toList());
    }

    /** Applies resolutions by problem id; a null resolution means the handler's auto resolution. */
    public String resolve(TaskContext ctx, String deployment, Map<Long, String> resolutions) {
        List<ProblemRow> open = openProblems(deployment);
        List<String> failures = new ArrayList<>();
        int resolved = 0;
        int index = 0;
        for (Map.Entry<Long, String> entry : resolutions.entrySet()) {
            ProblemRow problem = open.stream().filter(p -> p.id() == entry.getKey()).findFirst().orElse(null);
            index++;
            if (problem == null) {
                continue;
            }
            String resolution = entry.getValue() == null ? Resolution.AUTO.get(problem.type()) : entry.getValue();
            String label = problem.type().replace('_', ' ') + " " + problem.id() + ": " + Resolution.plan(problem.type(), resolution);
            try {
                ctx.track("Applying problem resolutions", List.of(), resolutions.size(), index, label,
                        () -> apply(ctx, deployment, problem, resolution));
                resolved++;
            } catch (TaskCancelled e) {
                throw e;
            } catch (RuntimeException e) {
                failures.add("Error resolving problem '" + problem.id() + "': " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new DirectorError(100, 500, String.join("\n", failures));
        }
        return resolved + " resolved";
    }

    private void apply(TaskContext ctx, String deployment, ProblemRow problem, String resolution) {
        if (!Resolution.BY_TYPE.getOrDefault(problem.type(), List.of()).stream().anyMatch(r -> r.name().equals(resolution))) {
            throw new DirectorError(100, 500, "Invalid resolution '" + resolution + "' for problem type '" + problem.type() + "'");
        }
        InstanceRow instance = instance(deployment, problem.instanceId());
        if (!resolution.equals("ignore") && problem.type().equals("unresponsive_agent") && vms.responds(instance)) {
            throw new DirectorError(100, 500, "Agent is responding now, skipping resolution");
        }
        switch (resolution) {
            case "ignore" -> { }
            case "recreate_vm", "recreate_vm_without_wait" -> {
                ctx.step();
                vms.recreate(deployment, instance);
            }
            case "delete_vm" -> vms.delete(deployment, instance);
            case "delete_vm_reference" -> vms.save(deployment, instance.withVm(null));
            case "reboot_vm" -> reboot(ctx, instance);
            default -> throw new DirectorError(100, 500, "Unknown resolution " + resolution);
        }
        db.write(t -> t.problems.replaceAll(p -> p.id() == problem.id() ? p.withState("resolved") : p));
    }

    private void reboot(TaskContext ctx, InstanceRow instance) {
        Vm vm = vms.iaas().vm(instance.vm().cid()).orElseThrow(() -> new DirectorError(100, 500, "VM '" + instance.vm().cid() + "' not found"));
        vm.agent().stop();
        vm.agent().start();
        ctx.sleep(timings.reconnectInterval().multipliedBy(2));
        if (!vms.responds(instance)) {
            throw new DirectorError(100, 500, "Agent still unresponsive after reboot");
        }
    }

    public List<InstanceRow> instances(String deployment) {
        DeploymentRow d = db.read(t -> t.deployments.get(deployment));
        if (d == null) {
            throw DirectorError.deploymentNotFound(deployment);
        }
        return d.instances();
    }

    private InstanceRow instance(String deployment, String id) {
        return instances(deployment).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> DirectorError.instanceNotFound("Instance '" + id + "' doesn't exist"));
    }
}
