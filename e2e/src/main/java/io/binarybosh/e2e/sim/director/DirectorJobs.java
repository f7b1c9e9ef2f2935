package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.api.DirectorError;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a task row (type and stored arguments) into the job that runs it. */
public final class DirectorJobs {
    /** A task that holds its deployment's lock and works on until cancelled (no API route starts one). */
    static final String STUCK = "stuck";

    private final Deployer deployer;
    private final CloudCheck cloudCheck;
    private final VmStates vmStates;
    private final VmLifecycle vms;
    private final ScanAndFix scanAndFix;
    private final SshSessions ssh;
    private final Uploads uploads;
    private final java.time.Duration lockWait;

    public DirectorJobs(DirectorDb db, DirectorConfig config, Deployer deployer, CloudCheck cloudCheck,
                        VmStates vmStates, VmLifecycle vms, java.time.Duration lockWait) {
        this.deployer = deployer;
        this.cloudCheck = cloudCheck;
        this.vmStates = vmStates;
        this.vms = vms;
        this.lockWait = lockWait;
        this.scanAndFix = new ScanAndFix(db, config, cloudCheck);
        this.ssh = new SshSessions(cloudCheck, vms, config.defaultSshOptions());
        this.uploads = new Uploads(db);
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
                a.path("resolutions").properties().forEach(e ->
                        resolutions.put(Long.parseLong(e.getKey()), e.getValue().isNull() ? null : e.getValue().asText()));
                return cloudCheck.resolve(ctx, d, resolutions);
            };
            case "cck_scan_and_fix" -> ctx -> scanAndFix.run(ctx, d, a.path("jobs"));
            case "vms" -> ctx -> vmStates.run(ctx, cloudCheck.instances(d), a.path("vms").asBoolean());
            case "ssh" -> ctx -> ssh.run(ctx, d, a);
            case "delete_vm" -> ctx -> vms.deleteByCid(ctx, d, a.path("vm_cid").asText());
            case STUCK -> ctx -> {
                ctx.lock(d, lockWait, null);
                while (true) {
                    ctx.step();
                }
            };
            case "update_release" -> ctx -> uploads.release(ctx, a);
            case "update_stemcell" -> ctx -> uploads.stemcell(ctx, a);
            default -> ctx -> {
                throw new DirectorError(100, 500, "Unknown task type " + row.type());
            };
        };
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
