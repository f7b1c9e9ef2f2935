package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.api.DirectorError;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the resurrector's `PUT /deployments/:d/scan_and_fix` runs (`jobs/cloud_check/scan_and_fix.rb`). */
final class ScanAndFix {
    private final DirectorDb db;
    private final DirectorConfig config;
    private final CloudCheck cloudCheck;

    ScanAndFix(DirectorDb db, DirectorConfig config, CloudCheck cloudCheck) {
        this.db = db;
        this.config = config;
        this.cloudCheck = cloudCheck;
    }

    String run(TaskContext ctx, String deployment, JsonNode jobs) {
        if (db.read(t -> t.resurrectionPaused)) {
            throw DirectorError.resurrectionPaused();
        }
        List<InstanceRow> all = cloudCheck.instances(deployment);
        Set<String> ids = new HashSet<>();
        jobs.properties().forEach(e -> e.getValue().forEach(v -> all.stream()
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
}
