package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.api.ApiRequest;
import io.binarybosh.e2e.sim.api.ApiResponse;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.api.Router;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.DeploymentRow;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.InstanceRow;
import io.binarybosh.e2e.sim.store.NameVersion;
import io.binarybosh.e2e.sim.store.ProblemRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The `/deployments` routes of `ctl/deployments_controller.rb`, content-type conditions included. */
final class DeploymentRoutes {
    private static final String D = "/deployments/([^/]+)";
    private final DirectorDb db;
    private final TaskRunner runner;
    private final Locks locks;
    private final CloudCheck cloudCheck;

    DeploymentRoutes(DirectorDb db, TaskRunner runner, Locks locks, CloudCheck cloudCheck) {
        this.db = db;
        this.runner = runner;
        this.locks = locks;
        this.cloudCheck = cloudCheck;
    }

    void register(Router router) {
        router.get("/deployments", this::list)
                .add("POST", "/deployments", "text/yaml", this::deploy)
                .get(D, r -> ApiResponse.json(Map.of("manifest", deployment(r.param(0)).manifest())))
                .add("DELETE", D, null, r -> task(r, "delete_deployment", "delete deployment " + deployment(r.param(0)).name(), r.param(0), Json.object(), true))
                .add("POST", D + "/diff", "text/yaml", this::diff)
                .get(D + "/variables", this::variables)
                .get(D + "/instances", r -> instancesOrVms(r, false))
                .get(D + "/vms", r -> instancesOrVms(r, true))
                .add("POST", D + "/scans", null, r -> task(r, "cck_scan", "scan cloud", deployment(r.param(0)).name(), Json.object(), false))
                .get(D + "/problems", this::problems)
                .add("PUT", D + "/problems", "application/json", this::resolve)
                .add("PUT", D + "/scan_and_fix", "application/json", this::scanAndFix)
                .add("PUT", D + "/jobs/([^/]+)/([^/]+)/resurrection", null, r -> ApiResponse.text(410,
                        "This endpoint has been removed. Please use resurrection config or `bosh ignore` instead."))
                .add("PUT", D + "/jobs/([^/]+)", "text/yaml", r -> jobState(r, r.param(1), null))
                .add("PUT", D + "/jobs/([^/]+)/([^/]+)", "text/yaml", r -> jobState(r, r.param(1), r.param(2)))
                .add("POST", D + "/instance_groups/([^/]+)/([^/]+)/actions/(stop|start|restart|recreate)", null, this::action)
                .add("PUT", D + "/instance_groups/([^/]+)/([^/]+)/ignore", "application/json", this::ignore)
                .add("POST", D + "/ssh", "application/json", this::ssh)
                .add("DELETE", "/vms/([^/]+)", null, this::deleteVm);
    }

    private DeploymentRow deployment(String name) {
        DeploymentRow row = db.read(t -> t.deployments.get(name));
        if (row == null) {
            throw DirectorError.deploymentNotFound(name);
        }
        return row;
    }

    private static String contextId(ApiRequest r) {
        String id = r.header("x-bosh-context-id");
        if (id != null && id.length() > 64) {
            throw new DirectorError(190024, 400, "X-Bosh-Context-Id cannot be more than 64 characters in length");
        }
        return id;
    }

    /** Starts a task and answers with the redirect; only some routes keep the caller's context id. */
    private ApiResponse task(ApiRequest r, String type, String description, String deployment, JsonNode args,
                             boolean keepsContext) {
        String context = contextId(r);
        long id = runner.enqueue(type, description, r.user(), deployment, keepsContext ? context : "", args);
        return ApiResponse.redirectToTask(id);
    }

    private ApiResponse list(ApiRequest r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeploymentRow d : db.read(t -> List.copyOf(t.deployments.values()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            if (!r.flag("exclude_configs")) {
                m.put("cloud_config", "none");
            }
            if (!r.flag("exclude_releases")) {
                m.put("releases", nameVersions(d.releases()));
            }
            if (!r.flag("exclude_stemcells")) {
                m.put("stemcells", nameVersions(d.stemcells()));
            }
            m.put("teams", List.of());
            if (!r.flag("exclude_lock")) {
                m.put("locked", locks.isLocked(d.name()));
            }
            out.add(m);
        }
        return ApiResponse.json(out);
    }

    private static List<Map<String, String>> nameVersions(List<NameVersion> list) {
        return list.stream().map(n -> Map.of("name", n.name(), "version", n.version())).toList();
    }

    private ApiResponse deploy(ApiRequest r) {
        Manifest manifest = Manifest.parse(r.bodyText());
        ObjectNode args = Json.object();
        args.put("manifest", r.bodyText());
        args.put("recreate", r.flag("recreate"));
        args.put("fix", r.flag("fix"));
        args.put("dry_run", r.flag("dry_run"));
        return task(r, "update_deployment", r.flag("dry_run") ? "create deployment (dry run)" : "create deployment",
                manifest.name(), args, true);
    }

    private ApiResponse diff(ApiRequest r) {
        DeploymentRow existing = db.read(t -> t.deployments.get(r.param(0)));
        List<String> before = existing == null ? List.of() : Arrays.asList(existing.manifest().split("\n"));
        List<String> after = Arrays.asList(r.bodyText().split("\n"));
        Set<String> oldLines = new HashSet<>(before);
        Set<String> newLines = new HashSet<>(after);
        List<List<Object>> rows = new ArrayList<>();
        for (String line : before) {
            if (!newLines.contains(line)) {
                rows.add(Arrays.asList(line, "removed"));
            }
        }
        for (String line : after) {
            rows.add(Arrays.asList(line, oldLines.contains(line) ? null : "added"));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cloud_config_ids", List.of());
        context.put("runtime_config_ids", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("context", context);
        body.put("diff", rows);
        return ApiResponse.json(body);
    }

    private ApiResponse instancesOrVms(ApiRequest r, boolean vms) {
        DeploymentRow d = deployment(r.param(0));
        if ("full".equals(r.query("format"))) {
            ObjectNode args = Json.object();
            args.put("vms", vms);
            return task(r, "vms", "retrieve vm-stats", d.name(), args, false);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (InstanceRow i : d.instances()) {
            if (vms && i.vm() == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agent_id", i.vm() == null ? null : i.vm().agentId());
            m.put("cid", i.vm() == null ? null : i.vm().cid());
            m.put("job", i.group());
            m.put("index", i.index());
            m.put("id", i.id());
            m.put("az", i.az());
            // `vm&.ips || []` (ctl/deployments_controller.rb create_vm_response): no VM, no addresses
            m.put("ips", i.vm() == null ? List.of() : i.ips());
            m.put("vm_created_at", i.vm() == null ? null : i.vm().createdAt());
            if (vms) {
                m.put("active", true);
                m.put("permanent_nats_credentials", true);
            } else {
                m.put("expects_vm", i.expectsVm());
            }
            out.add(m);
        }
        return ApiResponse.json(out);
    }

    /** The current variable set's names, with the config server's id of each (`ctl/deployments_controller.rb`). */
    private ApiResponse variables(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        List<String> names = db.read(t -> t.variableSets.getOrDefault(d.name(), List.of()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            out.add(Map.of("id", Integer.toString(Math.abs(name.hashCode())), "name", name));
        }
        return ApiResponse.json(out);
    }

    private ApiResponse problems(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProblemRow p : cloudCheck.openProblems(d.name())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("type", p.type());
            m.put("data", Map.of());
            m.put("description", p.description());
            m.put("resolutions", Resolution.BY_TYPE.getOrDefault(p.type(), List.of()).stream()
                    .map(x -> Map.of("name", x.name(), "plan", x.plan())).toList());
            m.put("instance_group", d.instance(p.instanceId()).map(InstanceRow::group).orElse(null));
            out.add(m);
        }
        return ApiResponse.json(out);
    }

    private ApiResponse resolve(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        JsonNode body = Json.read(r.bodyText().isBlank() ? "{}" : r.bodyText());
        if (!body.has("resolutions")) {
            throw DirectorError.missingField("Required property 'resolutions' was not specified in object (" + body + ")");
        }
        ObjectNode args = Json.object();
        args.set("resolutions", body.get("resolutions"));
        return task(r, "cck_apply", "apply resolutions", d.name(), args, false);
    }

    private ApiResponse scanAndFix(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        if (db.read(t -> t.resurrectionPaused)) {
            throw DirectorError.resurrectionPaused();
        }
        JsonNode body = Json.read(r.bodyText().isBlank() ? "{}" : r.bodyText());
        ObjectNode args = Json.object();
        args.set("jobs", body.path("jobs").isObject() ? body.get("jobs") : Json.object());
        return task(r, "cck_scan_and_fix", "scan and fix", d.name(), args, false);
    }

    private ApiResponse jobState(ApiRequest r, String group, String instance) {
        DeploymentRow d = deployment(r.param(0));
        String state = r.query("state");
        if (state == null) {
            throw DirectorError.missingField("Required parameter 'state' was not specified");
        }
        ObjectNode args = Json.object();
        args.put("group", group);
        args.put("instance", instance);
        args.put("state", state);
        args.put("fix", r.flag("fix"));
        return task(r, "update_deployment", "create deployment", d.name(), args, true);
    }

    private ApiResponse action(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        String verb = r.param(3);
        ObjectNode args = Json.object();
        args.put("group", r.param(1));
        args.put("instance", r.param(2));
        args.put("state", switch (verb) {
            case "stop" -> "stopped";
            case "start" -> "started";
            default -> verb;
        });
        args.put("fix", r.flag("ignore_unresponsive_agent"));
        return task(r, "update_instance", verb + " instance", d.name(), args, false);
    }

    private ApiResponse ignore(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        boolean ignore = Json.read(r.bodyText()).path("ignore").asBoolean();
        InstanceRow target = d.instances().stream()
                .filter(i -> i.group().equals(r.param(1)))
                .filter(i -> i.id().equals(r.param(2)) || String.valueOf(i.index()).equals(r.param(2)))
                .findFirst()
                .orElseThrow(() -> DirectorError.instanceNotFound("Instance '" + r.param(1) + "/" + r.param(2) + "' doesn't exist"));
        db.write(t -> t.deployments.put(d.name(), t.deployments.get(d.name()).updateInstance(target.id(), i -> i.withIgnore(ignore))));
        return ApiResponse.empty(200);
    }

    private ApiResponse deleteVm(ApiRequest r) {
        String cid = r.param(0);
        String deployment = db.read(t -> t.deployments.values().stream()
                .filter(d -> d.instances().stream().anyMatch(i -> i.vm() != null && i.vm().cid().equals(cid)))
                .map(DeploymentRow::name).findFirst().orElse(null));
        ObjectNode args = Json.object();
        args.put("vm_cid", cid);
        return task(r, "delete_vm", "delete vm " + cid, deployment, args, false);
    }

    private ApiResponse ssh(ApiRequest r) {
        DeploymentRow d = deployment(r.param(0));
        JsonNode body = Json.read(r.bodyText());
        ObjectNode args = Json.object();
        args.put("command", body.path("command").asText());
        args.set("target", body.path("target"));
        args.set("params", body.path("params"));
        return task(r, "ssh", "ssh: " + body.path("command").asText() + ":" + body.path("target"), d.name(), args, false);
    }
}
