package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.api.DirectorError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import io.binarybosh.e2e.sim.store.ReleaseRow;
import io.binarybosh.e2e.sim.store.StemcellRow;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turns a task row (type and stored arguments) into the job that runs it. */
public final class DirectorJobs {
    private final DirectorDb db;
    private final DirectorConfig config;
    private final Deployer deployer;
    private final CloudCheck cloudCheck;
    private final VmStates vmStates;
    private final VmLifecycle vms;
    private final java.time.Duration lockWait;

    public DirectorJobs(DirectorDb db, DirectorConfig config, Deployer deployer, CloudCheck cloudCheck,
                        VmStates vmStates, VmLifecycle vms, java.time.Duration lockWait) {
        this.db = db;
        this.config = config;
        this.deployer = deployer;
        this.cloudCheck = cloudCheck;
        this.vmStates = vmStates;
        this.vms = vms;
        this.lockWait = lockWait;
    }

    public TaskJob jobFor(TaskRow row) {
        JsonNode a = row.args();
        String d = row.deployment();
        return switch (row.type()) {
            case "update_deployment", "update_instance" -> a.has("state")
                    ? ctx -> deployer.changeJobState(ctx, d, text(a, "group"), text(a, "instance"), text(a, "state"), a.path("fix").asBoolean())
                    : ctx -> deployer.deploy(ctx, a.path("manifest").asText(), a.path("recreate").asBoolean(),
                    a.path("fix").asBoolean(), a.path("dry_run").asBoolean());
            case "delete_deployment" -> ctx -> deployer.delete(ctx, d);
            case "cck_scan" -> ctx -> {
                ctx.lock(d, java.time.Duration.ZERO, Locks.SCAN_LOCK_ERROR);
                cloudCheck.scan(ctx, d, null);
                return "scan complete";
            };
            case "cck_apply" -> ctx -> {
                ctx.lock(d, lockWait, null);
                Map<Long, String> resolutions = new LinkedHashMap<>();
                a.path("resolutions").fields().forEachRemaining(e ->
                        resolutions.put(Long.parseLong(e.getKey()), e.getValue().isNull() ? null : e.getValue().asText()));
                return cloudCheck.resolve(ctx, d, resolutions);
            };
            case "cck_scan_and_fix" -> ctx -> scanAndFix(ctx, d, a.path("jobs"));
            case "vms" -> ctx -> vmStates.run(ctx, cloudCheck.instances(d), a.path("vms").asBoolean());
            case "ssh" -> ctx -> ssh(ctx, d, a);
            case "delete_vm" -> ctx -> deleteVm(ctx, d, a.path("vm_cid").asText());
            case "update_release" -> ctx -> uploadRelease(ctx, a);
            case "update_stemcell" -> ctx -> uploadStemcell(ctx, a);
            default -> ctx -> {
                throw new DirectorError(100, 500, "Unknown task type " + row.type());
            };
        };
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** What the resurrector's `PUT /deployments/:d/scan_and_fix` runs (`jobs/cloud_check/scan_and_fix.rb`). */
    private String scanAndFix(TaskContext ctx, String deployment, JsonNode jobs) {
        if (db.read(t -> t.resurrectionPaused)) {
            throw DirectorError.resurrectionPaused();
        }
        List<InstanceRow> all = cloudCheck.instances(deployment);
        Set<String> ids = new HashSet<>();
        jobs.fields().forEachRemaining(e -> e.getValue().forEach(v -> all.stream()
                .filter(i -> i.group().equals(e.getKey()))
                .filter(i -> i.id().equals(v.asText()) || String.valueOf(i.index()).equals(v.asText()))
                .filter(i -> !i.ignore())
                .filter(i -> config.autoFixStatefulNodes() || (i.diskCid() == null
                        && (i.spec() == null || i.spec().persistentDiskMb() == 0)))
                .forEach(i -> ids.add(i.id()))));
        ctx.lock(deployment, java.time.Duration.ZERO, Locks.SCAN_LOCK_ERROR);
        if (ids.isEmpty()) {
            return "scan and fix complete";
        }
        cloudCheck.scan(ctx, deployment, ids);
        Map<Long, String> resolutions = new LinkedHashMap<>();
        cloudCheck.openProblems(deployment).stream()
                .filter(p -> ids.contains(p.instanceId()))
                .filter(p -> p.type().equals("unresponsive_agent") || p.type().equals("missing_vm"))
                .forEach(p -> resolutions.put(p.id(), "recreate_vm"));
        if (!resolutions.isEmpty()) {
            cloudCheck.resolve(ctx, deployment, resolutions);
        }
        return "scan and fix complete";
    }

    /** `DELETE /vms/:cid`: the CPI deletes the VM and the instance loses its reference. */
    private String deleteVm(TaskContext ctx, String deployment, String cid) {
        ctx.track("Delete VM", List.of(), 1, 1, cid, () -> {
            ctx.step();
            vms.iaas().deleteVm(cid);
            if (deployment != null) {
                cloudCheck.instances(deployment).stream()
                        .filter(i -> i.vm() != null && i.vm().cid().equals(cid))
                        .forEach(i -> vms.save(deployment, i.withVm(null)));
            }
        });
        return "VM " + cid + " is successfully deleted";
    }

    private String ssh(TaskContext ctx, String deployment, JsonNode args) {
        String command = args.path("command").asText();
        JsonNode target = args.path("target");
        Set<String> wanted = new HashSet<>();
        target.path("indexes").forEach(v -> wanted.add(v.asText()));
        target.path("ids").forEach(v -> wanted.add(v.asText()));
        List<InstanceRow> instances = cloudCheck.instances(deployment).stream()
                .filter(i -> !target.hasNonNull("job") || i.group().equals(target.path("job").asText()))
                .filter(i -> wanted.isEmpty() || wanted.contains(i.id()) || wanted.contains(String.valueOf(i.index())))
                .filter(i -> i.vm() != null)
                .toList();
        ArrayNode results = Json.JSON.createArrayNode();
        JsonNode params = args.path("params");
        for (InstanceRow instance : instances) {
            ctx.checkpoint();
            String hostKey = vms.nats().request(instance.vm().agentId(), agent -> {
                if (command.equals("setup")) {
                    return agent.setupSsh(params.path("user").asText(), params.path("public_key").asText());
                }
                agent.cleanupSsh(params.path("user_regex").asText("^$"));
                return "";
            }, vms.timedOutDelay()).orElseThrow(() -> vms.timedOut("ssh", instance));
            ObjectNode r = results.addObject();
            r.put("command", command);
            r.put("status", "success");
            r.put("ip", instance.ips().isEmpty() ? null : instance.ips().get(0));
            r.put("host_public_key", command.equals("setup") ? hostKey : null);
            r.put("id", instance.id());
            r.put("index", instance.index());
            r.put("job", instance.group());
            r.putNull("gateway_host");
            r.putNull("gateway_user");
        }
        ctx.result(Json.write(results));
        return "";
    }

    private String uploadRelease(TaskContext ctx, JsonNode a) {
        String name = a.path("name").asText();
        String version = a.path("version").asText();
        List<String> jobNames = new ArrayList<>();
        a.path("jobs").forEach(j -> jobNames.add(j.asText()));
        ctx.track("Creating new jobs", List.of(), 1, 1, name + "/" + version, ctx::step);
        String blob = writeBlob(name + "/" + version);
        db.write(t -> {
            t.releases.removeIf(r -> r.name().equals(name) && r.version().equals(version));
            t.releases.add(new ReleaseRow(name, version, Integer.toHexString((name + version).hashCode()), jobNames, blob));
        });
        return "Created release '" + name + "/" + version + "'";
    }

    private String uploadStemcell(TaskContext ctx, JsonNode a) {
        String name = a.path("name").asText();
        String version = a.path("version").asText();
        String os = a.path("os").asText();
        ctx.track("Update stemcell", List.of(), 1, 1, "Uploading stemcell " + name + "/" + version + " to the cloud", ctx::step);
        writeBlob(name + "/" + version);
        db.write(t -> {
            t.stemcells.removeIf(s -> s.name().equals(name) && s.version().equals(version));
            t.stemcells.add(new StemcellRow(++t.lastStemcellId, name, os, version, "stemcell-" + UUID.randomUUID(), 3));
        });
        return "/stemcells/" + name + "/" + version;
    }

    private String writeBlob(String content) {
        String id = UUID.randomUUID().toString();
        try {
            Files.writeString(db.layout().blobstore().resolve(id), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
