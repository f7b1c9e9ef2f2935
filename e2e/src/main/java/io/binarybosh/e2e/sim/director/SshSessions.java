package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.InstanceRow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** `POST /deployments/:d/ssh`: the agents add or remove ephemeral users; setup answers with the host keys. */
final class SshSessions {
    private final CloudCheck cloudCheck;
    private final VmLifecycle vms;
    private final java.util.Map<String, String> defaultSshOptions;

    SshSessions(CloudCheck cloudCheck, VmLifecycle vms, java.util.Map<String, String> defaultSshOptions) {
        this.cloudCheck = cloudCheck;
        this.vms = vms;
        this.defaultSshOptions = defaultSshOptions;
    }

    String run(TaskContext ctx, String deployment, JsonNode args) {
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
            // bosh director jobs/ssh.rb: the gateway fields only when default_ssh_options is configured
            if (defaultSshOptions != null) {
                r.put("gateway_host", defaultSshOptions.get("gateway_host"));
                r.put("gateway_user", defaultSshOptions.get("gateway_user"));
            }
        }
        ctx.result(Json.write(results));
        return "";
    }
}
