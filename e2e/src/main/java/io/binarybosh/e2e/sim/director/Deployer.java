package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.store.ApplySpec;
import io.binarybosh.e2e.sim.store.DeploymentRow;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import io.binarybosh.e2e.sim.store.NameVersion;
import io.binarybosh.e2e.sim.store.ReleaseRow;
import io.binarybosh.e2e.sim.store.StemcellRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Deploys manifests, changes job states (recreate, stop, start, restart, detach) and deletes deployments,
 * all through the IaaS and the agents and under the deployment lock.
 */
public final class Deployer {
    private final DirectorDb db;
    private final VmLifecycle vms;
    private final Timings timings;

    public Deployer(DirectorDb db, VmLifecycle vms, Timings timings) {
        this.db = db;
        this.vms = vms;
        this.timings = timings;
    }

    public String deploy(TaskContext ctx, String manifestText, boolean recreate, boolean fix, boolean dryRun) {
        Manifest manifest = Manifest.parse(manifestText);
        List<NameVersion> releases = resolveReleases(manifest);
        NameVersion stemcell = resolveStemcell(manifest);
        ctx.track("Preparing deployment", List.of(), 1, 1, "Preparing deployment", ctx::step);
        if (dryRun) {
            return "/deployments/" + manifest.name();
        }
        ctx.lock(manifest.name(), timings.deployLockWait(), null);
        ctx.track("Preparing package compilation", List.of(), 1, 1, "Finding packages to compile", () -> { });
        DeploymentRow existing = db.read(t -> t.deployments.get(manifest.name()));
        List<InstanceRow> current = existing == null ? List.of() : existing.instances();
        List<InstanceRow> keep = new ArrayList<>();
        List<InstanceRow> remove = new ArrayList<>(current);
        for (Manifest.InstanceGroup group : manifest.instanceGroups()) {
            List<InstanceRow> ofGroup = current.stream().filter(i -> i.group().equals(group.name()))
                    .sorted(Comparator.comparingInt(InstanceRow::index)).toList();
            for (int index = 0; index < group.instances(); index++) {
                final int idx = index;
                InstanceRow row = ofGroup.stream().filter(i -> i.index() == idx).findFirst().orElse(null);
                String id = row == null ? UUID.randomUUID().toString() : row.id();
                String az = group.azs().isEmpty() ? "z1" : group.azs().get(index % group.azs().size());
                ApplySpec spec = new ApplySpec(manifest.name(), group.name(), index, id, az, group.jobs(),
                        group.persistentDiskMb(), group.vmType(), stemcell.name(), stemcell.version());
                if (row == null) {
                    List<String> ips = index < group.staticIps().size() ? List.of(group.staticIps().get(index)) : List.of();
                    row = new InstanceRow(id, group.name(), index, az, "started", false, index == 0, null, null, null, ips);
                }
                remove.remove(row);
                keep.add(row.withSpec(spec).withState(row.spec() == null ? "started" : row.state()));
            }
        }
        List<InstanceRow> previous = current;
        vms.versionVariables(manifest.name(), manifestText);
        db.write(t -> t.deployments.put(manifest.name(), new DeploymentRow(manifest.name(), manifestText, releases,
                List.of(stemcell), keep)));
        for (InstanceRow gone : remove) {
            ctx.track("Deleting unneeded instances", List.of(gone.group()), remove.size(), remove.indexOf(gone) + 1,
                    gone.group() + "/" + gone.id() + " (" + gone.index() + ")", () -> {
                        if (gone.vm() != null) {
                            vms.iaas().deleteVm(gone.vm().cid());
                        }
                        vms.iaas().deleteDisk(gone.diskCid());
                    });
        }
        List<InstanceRow> missing = keep.stream().filter(i -> i.vm() == null).toList();
        for (int i = 0; i < missing.size(); i++) {
            InstanceRow instance = missing.get(i);
            ctx.track("Creating missing vms", List.of(), missing.size(), i + 1, instance.describe(), () -> {
                ctx.step();
                vms.create(manifest.name(), instance);
            });
        }
        for (int i = 0; i < keep.size(); i++) {
            InstanceRow planned = keep.get(i);
            if (missing.contains(planned)) {
                continue;
            }
            InstanceRow before = previous.stream().filter(p -> p.id().equals(planned.id())).findFirst().orElse(planned);
            boolean changed = before.spec() == null || !before.spec().equals(planned.spec());
            if (!changed && !recreate) {
                continue;
            }
            String label = planned.describe() + (planned.index() == 0 ? " (canary)" : "");
            ctx.track("Updating instance", List.of(planned.group()), keep.size(), i + 1, label, () -> {
                ctx.step();
                if (recreate || (!vms.responds(planned) && fix)) {
                    vms.recreate(manifest.name(), planned);
                } else if (!vms.nats().request(planned.vm().agentId(), a -> {
                    a.apply(planned.spec());
                    return true;
                }, timings.scanGetStateTimeout()).orElse(false)) {
                    throw vms.timedOut("get_state", planned);
                }
            });
        }
        return "/deployments/" + manifest.name();
    }

    private List<NameVersion> resolveReleases(Manifest manifest) {
        List<ReleaseRow> known = db.read(t -> List.copyOf(t.releases));
        List<NameVersion> resolved = new ArrayList<>();
        for (NameVersion wanted : manifest.releases()) {
            ReleaseRow match = known.stream()
                    .filter(r -> r.name().equals(wanted.name()))
                    .filter(r -> wanted.version().equals("latest") || r.version().equals(wanted.version()))
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new DirectorError(30000, 404, "Release '" + wanted.name() + "' doesn't exist"));
            resolved.add(new NameVersion(match.name(), match.version()));
        }
        return resolved;
    }

    private NameVersion resolveStemcell(Manifest manifest) {
        List<StemcellRow> known = db.read(t -> List.copyOf(t.stemcells));
        if (manifest.stemcells().isEmpty()) {
            return known.isEmpty() ? new NameVersion("none", "0") : new NameVersion(known.get(known.size() - 1).name(), known.get(known.size() - 1).version());
        }
        Manifest.Stemcell wanted = manifest.stemcells().get(0);
        return known.stream()
                .filter(s -> s.operatingSystem().equals(wanted.os()) || s.name().equals(wanted.name()))
                .filter(s -> wanted.version().equals("latest") || s.version().equals(wanted.version()))
                .reduce((a, b) -> b)
                .map(s -> new NameVersion(s.name(), s.version()))
                .orElseThrow(() -> new DirectorError(50003, 404, "Stemcell version '" + wanted.version()
                        + "' for OS '" + wanted.os() + "' doesn't exist"));
    }

    /** `PUT /deployments/:d/jobs/:ig[/:id]?state=...`: what `bosh recreate/stop/start/restart` do. */
    public String changeJobState(TaskContext ctx, String deployment, String group, String instance, String state,
                                 boolean fix) {
        ctx.lock(deployment, timings.deployLockWait(), null);
        DeploymentRow row = db.read(t -> t.deployments.get(deployment));
        if (row == null) {
            throw DirectorError.deploymentNotFound(deployment);
        }
        List<InstanceRow> targets = row.instances().stream()
                .filter(i -> group == null || group.equals("*") || i.group().equals(group))
                .filter(i -> instance == null || i.id().equals(instance) || String.valueOf(i.index()).equals(instance))
                .toList();
        if (targets.isEmpty() && instance != null) {
            throw DirectorError.instanceNotFound("Instance '" + group + "/" + instance + "' doesn't exist");
        }
        ctx.track("Preparing deployment", List.of(), 1, 1, "Preparing deployment", ctx::step);
        for (int i = 0; i < targets.size(); i++) {
            InstanceRow target = targets.get(i);
            String label = target.describe() + (i == 0 ? " (canary)" : "");
            ctx.track("Updating instance", List.of(target.group()), targets.size(), i + 1, label, () -> {
                ctx.step();
                applyState(deployment, target, state, fix);
            });
        }
        return "/deployments/" + deployment;
    }

    private void applyState(String deployment, InstanceRow target, String state, boolean fix) {
        boolean responds = vms.responds(target);
        if (target.vm() != null && !responds && !fix && !state.equals("detached")) {
            throw vms.timedOut("get_state", target);
        }
        switch (state) {
            case "recreate" -> vms.recreate(deployment, target.withState("started".equals(target.state()) || "stopped".equals(target.state()) ? target.state() : "started"));
            case "stopped" -> {
                InstanceRow stopped = target.withState("stopped");
                vms.save(deployment, stopped);
                if (stopped.vm() == null) {
                    vms.create(deployment, stopped);
                } else {
                    vms.nats().request(stopped.vm().agentId(), a -> { a.stopByDirector(); return true; }, timings.scanGetStateTimeout());
                }
            }
            case "started", "restart" -> {
                InstanceRow started = target.withState("started");
                vms.save(deployment, started);
                if (started.vm() == null || !responds) {
                    vms.recreate(deployment, started);
                } else {
                    vms.nats().request(started.vm().agentId(), a -> {
                        a.stopByDirector();
                        a.startByDirector();
                        return true;
                    }, timings.scanGetStateTimeout());
                }
            }
            case "detached" -> vms.delete(deployment, target.withState("detached"));
            default -> throw new DirectorError(100, 400, "Unknown state '" + state + "'");
        }
    }

    public String delete(TaskContext ctx, String deployment) {
        ctx.lock(deployment, timings.deployLockWait(), null);
        DeploymentRow row = db.read(t -> t.deployments.get(deployment));
        if (row == null) {
            throw DirectorError.deploymentNotFound(deployment);
        }
        List<InstanceRow> all = row.instances();
        for (int i = 0; i < all.size(); i++) {
            InstanceRow instance = all.get(i);
            ctx.track("Deleting instances", List.of(), all.size(), i + 1, instance.describe(), () -> {
                ctx.step();
                if (instance.vm() != null) {
                    vms.iaas().deleteVm(instance.vm().cid());
                }
                vms.iaas().deleteDisk(instance.diskCid());
            });
        }
        db.write(t -> {
            t.deployments.remove(deployment);
            t.problems.removeIf(p -> p.deployment().equals(deployment));
        });
        return "/deployments/" + deployment;
    }
}
