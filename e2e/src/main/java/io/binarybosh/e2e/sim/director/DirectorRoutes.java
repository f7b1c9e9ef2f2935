package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.api.ApiRequest;
import io.binarybosh.e2e.sim.api.ApiResponse;
import io.binarybosh.e2e.sim.api.Authenticator;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.api.Router;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.ConfigRow;
import io.binarybosh.e2e.sim.store.DeploymentRow;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.LockRow;
import io.binarybosh.e2e.sim.store.ReleaseRow;
import io.binarybosh.e2e.sim.store.StemcellRow;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** `/info`, the token endpoint, `/resurrection`, `/locks`, `/stemcells`, `/releases` and `/configs`. */
final class DirectorRoutes {
    private final DirectorDb db;
    private final DirectorConfig config;
    private final Authenticator auth;
    private final Locks locks;
    private final String uuid;

    DirectorRoutes(DirectorDb db, DirectorConfig config, Authenticator auth, Locks locks, String uuid) {
        this.uuid = uuid;
        this.db = db;
        this.config = config;
        this.auth = auth;
        this.locks = locks;
    }

    void registerAnonymous(Router router) {
        router.get("/info", this::info);
    }

    /** The UAA's own routes, served on its own port. */
    void registerUaa(Router router) {
        router.add("POST", "/oauth/token", null, this::token);
    }

    void register(Router router) {
        router.get("/resurrection", r -> ApiResponse.json(Map.of("resurrection", !db.read(t -> t.resurrectionPaused))))
                .add("PUT", "/resurrection", "application/json", this::updateResurrection)
                .get("/locks", this::locks)
                .get("/stemcells", this::stemcells)
                .get("/releases", this::releases)
                .get("/configs", this::configs)
                .add("POST", "/configs", "application/json", this::createConfig)
                .add("DELETE", "/configs", null, this::deleteConfig)
                .get("/director/certificate_expiry", r -> ApiResponse.json(List.of()));
    }

    private ApiResponse info(ApiRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", config.name());
        m.put("uuid", uuid);
        m.put("version", config.version());
        m.put("user", r.user());
        m.put("cpi", config.cpi());
        m.put("stemcell_os", config.stemcellOs());
        m.put("stemcell_version", config.stemcellVersion());
        Map<String, Object> authentication = new LinkedHashMap<>();
        if (auth.isUaa()) {
            authentication.put("type", "uaa");
            // uaa_identity_provider.rb#client_info: the first of director.user_management.uaa.urls, and all of them
            authentication.put("options", Map.of("url", config.uaaServer().url(),
                    "urls", List.of(config.uaaServer().url())));
        } else {
            authentication.put("type", "basic");
            authentication.put("options", Map.of());
        }
        m.put("user_authentication", authentication);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("local_dns", Map.of("status", true, "extras", Map.of("domain_name", "bosh")));
        features.put("snapshots", Map.of("status", false));
        features.put("config_server", Map.of("status", config.configServerEnabled(), "extras", Map.of("urls",
                config.configServerEnabled() ? List.of(config.configServerUrl()) : List.of())));
        m.put("features", features);
        return ApiResponse.json(m);
    }

    /** UAA's `POST /oauth/token` for the client_credentials grant. */
    private ApiResponse token(ApiRequest r) {
        if (db.serverDown()) {
            // UAA keeps its clients in the `uaa` database of the director's postgres (bosh-deployment uaa.yml
            // postgres.additional_databases); without it the token endpoint fails. [inferred]
            return ApiResponse.json(500, Map.of("error", "server_error",
                    "error_description", "Could not get JDBC Connection"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : r.bodyText().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = r.header("authorization");
        if (authorization == null && form.containsKey("client_id")) {
            authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (form.get("client_id") + ":" + form.getOrDefault("client_secret", "")).getBytes(StandardCharsets.UTF_8));
        }
        var client = auth.basicClient(authorization);
        if (client.isEmpty()) {
            return ApiResponse.json(401, Map.of("error", "unauthorized", "error_description", "Bad credentials"));
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return ApiResponse.json(400, Map.of("error", "unsupported_grant_type",
                    "error_description", "Unsupported grant type: " + form.get("grant_type")));
        }
        String token = auth.tokens().issue(client.get());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", auth.tokens().validitySeconds() - 1);
        body.put("scope", "bosh.admin");
        body.put("jti", token.substring(token.lastIndexOf('.') + 1, token.lastIndexOf('.') + 17));
        return ApiResponse.json(body);
    }

    private ApiResponse updateResurrection(ApiRequest r) {
        JsonNode body = Json.read(r.bodyText().isBlank() ? "{}" : r.bodyText());
        JsonNode value = body.get("resurrection_paused");
        if (value == null) {
            throw DirectorError.missingField("Required property 'resurrection_paused' was not specified");
        }
        // a real director stores the value as text and only the text "false" means not paused
        boolean paused = !"false".equals(value.asText().toLowerCase(Locale.ROOT));
        db.write(t -> t.resurrectionPaused = paused);
        return ApiResponse.empty(200);
    }

    private ApiResponse locks(ApiRequest r) {
        locks.pruneExpired();
        List<Map<String, Object>> out = new ArrayList<>();
        for (LockRow l : db.read(t -> List.copyOf(t.locks))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", l.type());
            m.put("resource", List.of(l.resource()));
            m.put("timeout", String.format(Locale.ROOT, "%.6f", l.expiresAtMillis() / 1000.0));
            m.put("task_id", Long.toString(l.taskId()));
            out.add(m);
        }
        return ApiResponse.json(out);
    }

    private ApiResponse stemcells(ApiRequest r) {
        List<DeploymentRow> deployments = db.read(t -> List.copyOf(t.deployments.values()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (StemcellRow s : db.read(t -> List.copyOf(t.stemcells))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("operating_system", s.operatingSystem());
            m.put("version", s.version());
            m.put("cid", s.cid());
            m.put("cpi", "");
            m.put("deployments", deployments.stream()
                    .filter(d -> d.stemcells().stream().anyMatch(n -> n.name().equals(s.name()) && n.version().equals(s.version())))
                    .map(d -> Map.of("name", d.name())).toList());
            m.put("api_version", s.apiVersion());
            m.put("id", Long.toString(s.id()));
            out.add(m);
        }
        return ApiResponse.json(out);
    }

    private ApiResponse releases(ApiRequest r) {
        List<DeploymentRow> deployments = db.read(t -> List.copyOf(t.deployments.values()));
        Map<String, List<Map<String, Object>>> byName = new LinkedHashMap<>();
        for (ReleaseRow rel : db.read(t -> List.copyOf(t.releases))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", rel.version());
            v.put("commit_hash", rel.commitHash());
            v.put("uncommitted_changes", false);
            v.put("currently_deployed", deployments.stream().anyMatch(d -> d.releases().stream()
                    .anyMatch(n -> n.name().equals(rel.name()) && n.version().equals(rel.version()))));
            v.put("job_names", rel.jobNames());
            byName.computeIfAbsent(rel.name(), k -> new ArrayList<>()).add(v);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byName.forEach((name, versions) -> out.add(Map.of("name", name, "release_versions", versions)));
        return ApiResponse.json(out);
    }

    private static Map<String, Object> configJson(ConfigRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(c.id()));
        m.put("type", c.type());
        m.put("name", c.name());
        m.put("content", c.content());
        m.put("created_at", Instant.ofEpochSecond(c.createdAt()).toString());
        m.put("team", null);
        m.put("current", true);
        return m;
    }

    private ApiResponse configs(ApiRequest r) {
        List<ConfigRow> all = db.read(t -> List.copyOf(t.configs)).stream()
                .filter(c -> r.query("type") == null || c.type().equals(r.query("type")))
                .filter(c -> r.query("name") == null || c.name().equals(r.query("name")))
                .sorted(Comparator.comparingLong(ConfigRow::id).reversed())
                .toList();
        if ("true".equals(r.query("latest"))) {
            Map<String, ConfigRow> latest = new LinkedHashMap<>();
            all.forEach(c -> latest.putIfAbsent(c.type() + "/" + c.name(), c));
            all = List.copyOf(latest.values());
        }
        if (r.query("limit") != null) {
            all = all.stream().limit(Math.max(1, Integer.parseInt(r.query("limit")))).toList();
        }
        return ApiResponse.json(all.stream().map(DirectorRoutes::configJson).toList());
    }

    private ApiResponse createConfig(ApiRequest r) {
        JsonNode body = Json.read(r.bodyText());
        for (String field : List.of("type", "content")) {
            if (!body.hasNonNull(field)) {
                throw DirectorError.missingField("Required property '" + field + "' was not specified in object (" + body + ")");
            }
        }
        String name = body.path("name").asText("default");
        ConfigRow row = db.update(t -> {
            ConfigRow c = new ConfigRow(++t.lastConfigId, body.get("type").asText(), name, body.get("content").asText(),
                    Instant.now().getEpochSecond());
            t.configs.add(c);
            return c;
        });
        return ApiResponse.json(201, configJson(row));
    }

    private ApiResponse deleteConfig(ApiRequest r) {
        String type = r.query("type");
        String name = r.query("name") == null ? "default" : r.query("name");
        boolean removed = db.update(t -> t.configs.removeIf(c -> c.type().equals(type) && c.name().equals(name)));
        return ApiResponse.empty(removed ? 204 : 404);
    }
}
