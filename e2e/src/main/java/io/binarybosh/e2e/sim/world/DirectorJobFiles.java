package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.director.DirectorConfig;
import io.binarybosh.e2e.sim.director.Props;
import io.binarybosh.e2e.sim.store.ApplySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files the director job renders on its VM that tell which director the VM runs, as a process-mode VM shows
 * them under /var/vcap/jobs/director/config:
 * <ul>
 * <li>{@code director.yml}: cloudfoundry/bosh jobs/director/templates/director.yml.erb renders one
 * {@code JSON.dump} line; its first keys, in its order, are {@code name} (director.name), {@code runtime}
 * ({@code ip}: spec.ip, {@code instance}: job/id), {@code port} (director.backend_port, default 25556 in
 * jobs/director/spec), then among others {@code max_tasks}, {@code mbus}, {@code dir} and the database with its
 * password. Only keys whose values the simulator knows are written, in the template's order.</li>
 * <li>{@code ssl/director.pem}: director.pem.erb, the certificate nginx serves (jobs/director/templates/nginx.conf.erb).</li>
 * </ul>
 */
record DirectorJobFiles(String directorYml, String directorPem) {

    static DirectorJobFiles render(Map<String, Object> properties, DirectorConfig config, ApplySpec spec,
                                   String vmAddress) {
        Props p = new Props(properties);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", config.name());
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("ip", vmAddress);
        runtime.put("instance", spec.job() + "/" + spec.id());
        params.put("runtime", runtime);
        params.put("port", (int) p.number("director.backend_port", 25556));
        params.put("max_tasks", config.maxTasks());
        params.put("mbus", "nats://" + p.string("nats.address", vmAddress) + ":" + (int) p.number("nats.port", 4222));
        params.put("dir", "/var/vcap/store/director");
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("adapter", p.string("director.db.adapter", "postgres"));
        db.put("user", p.string("director.db.user", "bosh"));
        db.put("password", p.string("director.db.password", "db-password-of-" + config.name()));
        db.put("host", p.string("director.db.host", "127.0.0.1"));
        db.put("port", (int) p.number("director.db.port", 5432));
        db.put("database", p.string("director.db.database", "bosh"));
        params.put("db", db);
        return new DirectorJobFiles(Json.write(params), config.certificatePem() == null ? "" : config.certificatePem());
    }
}
