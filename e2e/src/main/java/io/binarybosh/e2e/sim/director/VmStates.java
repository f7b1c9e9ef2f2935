package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.AgentState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.InstanceRow;
import java.util.List;
import java.util.Optional;

/**
 * The `vms` task behind `?format=full`: one JSON line per instance, with a live `get_state` (5 s timeout), with
 * exactly the fields of bosh `dir/jobs/vm_state.rb` (no `dns`, no `resurrection_paused`).
 */
public final class VmStates {
    private final VmLifecycle vms;
    private final Timings timings;

    public VmStates(VmLifecycle vms, Timings timings) {
        this.vms = vms;
        this.timings = timings;
    }

    /** `instances` lists every instance (VM fields null without a VM); `vms` only those with a VM. */
    public String run(TaskContext ctx, List<InstanceRow> instances, boolean onlyWithVm) {
        for (InstanceRow instance : instances) {
            if (onlyWithVm && instance.vm() == null) {
                continue;
            }
            ctx.checkpoint();
            Optional<AgentState> state = vms.getState(instance, timings.vmStateGetStateTimeout());
            ctx.result(Json.write(line(instance, state)));
        }
        return "";
    }

    private ObjectNode line(InstanceRow i, Optional<AgentState> state) {
        ObjectNode n = Json.object();
        boolean hasVm = i.vm() != null;
        n.put("vm_cid", hasVm ? i.vm().cid() : null);
        n.put("active", hasVm);
        n.put("vm_created_at", hasVm ? i.vm().createdAt() : null);
        n.putObject("cloud_properties");
        n.put("disk_cid", i.diskCid());
        ArrayNode disks = n.putArray("disk_cids");
        if (i.diskCid() != null) {
            disks.add(i.diskCid());
        }
        ArrayNode ips = n.putArray("ips");
        if (hasVm) {
            i.ips().forEach(ips::add);
        }
        n.put("agent_id", hasVm ? i.vm().agentId() : null);
        n.put("job_name", i.group());
        n.put("index", i.index());
        if (!hasVm) {
            n.putNull("job_state");
        } else {
            n.put("job_state", state.map(AgentState::jobState).orElse("unresponsive agent"));
        }
        n.put("state", i.state());
        n.put("vm_type", i.spec() == null ? "default" : i.spec().vmType());
        if (state.isPresent()) {
            ObjectNode vitals = n.putObject("vitals");
            vitals.putObject("cpu").put("sys", "1.3").put("user", "4.9").put("wait", "0.1");
            ObjectNode disk = vitals.putObject("disk");
            disk.putObject("system").put("inode_percent", "34").put("percent", "48");
            disk.putObject("ephemeral").put("inode_percent", "1").put("percent", "3");
            if (i.diskCid() != null) {
                disk.putObject("persistent").put("inode_percent", "2").put("percent", "11");
            }
            vitals.putArray("load").add("0.00").add("0.03").add("0.05");
            vitals.putObject("mem").put("kb", "227028").put("percent", "6");
            vitals.putObject("swap").put("kb", "0").put("percent", "0");
            vitals.putObject("uptime").put("secs", 1200);
        } else {
            n.putNull("vitals");
        }
        ArrayNode processes = n.putArray("processes");
        state.ifPresent(s -> s.processes().forEach(p -> {
            ObjectNode proc = processes.addObject();
            proc.put("name", p.name());
            proc.put("state", p.state());
            proc.putObject("uptime").put("secs", 1200);
            proc.putObject("mem").put("kb", 48000).put("percent", 1.2);
            proc.putObject("cpu").put("total", 0);
        }));
        n.put("az", i.az());
        n.put("id", i.id());
        n.put("bootstrap", i.bootstrap());
        n.put("ignore", i.ignore());
        ObjectNode stemcell = n.putObject("stemcell");
        stemcell.put("name", i.spec() == null ? null : i.spec().stemcellName());
        stemcell.put("version", i.spec() == null ? null : i.spec().stemcellVersion());
        stemcell.put("api_version", 3);
        return n;
    }
}
