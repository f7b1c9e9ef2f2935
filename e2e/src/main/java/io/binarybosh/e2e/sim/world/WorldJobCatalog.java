package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.agent.JobCatalog;
import io.binarybosh.e2e.sim.agent.JobProcess;
import io.binarybosh.e2e.sim.agent.PlainJobs;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.director.DirectorConfig;
import io.binarybosh.e2e.sim.director.DirectorEnvironment;
import io.binarybosh.e2e.sim.director.Props;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.ApplySpec;
import io.binarybosh.e2e.sim.store.JobRef;
import io.binarybosh.e2e.sim.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts the jobs of an instance. An instance with the `director` job runs a director whose store is the
 * VM's persistent disk, so the director comes back with its data when its VM is recreated.
 */
final class WorldJobCatalog implements JobCatalog {
    private final Supplier<DirectorEnvironment> environment;
    private final CertificateAuthority ca;
    private final Path ephemeralRoot;
    private final DirectorRunner runner;
    private final Map<String, Director> running = new ConcurrentHashMap<>();

    WorldJobCatalog(Supplier<DirectorEnvironment> environment, CertificateAuthority ca, Path ephemeralRoot,
                    DirectorRunner runner) {
        this.environment = environment;
        this.ca = ca;
        this.ephemeralRoot = ephemeralRoot;
        this.runner = runner;
    }

    @Override
    public JobProcess start(Vm vm, ApplySpec spec) {
        if (!spec.hasJob("director")) {
            return PlainJobs.of(spec);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> healthMonitor = Map.of();
        for (JobRef job : spec.jobs()) {
            properties = Props.merge(properties, job.properties());
            if (job.name().equals("health_monitor")) {
                healthMonitor = job.properties();
            }
        }
        if (new Props(properties).get("director.ssl.cert") == null) {
            // like a config server generating `director_ssl` for a manifest that only references it
            var cert = ca.serverCertificate(vm.address());
            properties = Props.merge(properties, Map.of("director", Map.of("ssl", Map.of("cert", cert.certificatePem(),
                    "key", cert.privateKeyPkcs8Pem(), "ca", ca.caPem()))));
        }
        if ("uaa".equals(new Props(properties).string("director.user_management.provider", "local"))
                && new Props(properties).get("uaa.sslCertificate") == null) {
            // like a config server generating `uaa_ssl` (bosh-deployment uaa.yml), signed by the same CA
            var cert = ca.uaaCertificate(vm.address());
            properties = Props.merge(properties, Map.of("uaa", Map.of("sslCertificate", cert.certificatePem(),
                    "sslPrivateKey", cert.privateKeyPkcs8Pem())));
        }
        if (new Props(properties).get("director.ssl.ca") == null && new Props(properties).get("hm.director_account.ca_cert") == null) {
            properties = Props.merge(properties, Map.of("director", Map.of("ssl", Map.of("ca", ca.caPem()))));
        }
        DirectorConfig config = DirectorConfig.fromProperties(properties, healthMonitor, vm.address(),
                spec.hasJob("health_monitor"));
        Path store = store(vm);
        // the postgres-13 job keeps its data in postgres-13 (bosh jobs/postgres-13/templates/pre-start.erb)
        String postgres = spec.hasJob("postgres-13") ? "postgres-13" : StoreLayout.POSTGRES_DIR;
        return runner.run(vm, DirectorJobFiles.render(properties, config, spec, vm.address()), postgres,
                () -> new Director(config, store, environment.get(), postgres),
                d -> running.put(config.address(), d), d -> running.remove(config.address(), d));
    }

    private Path store(Vm vm) {
        Path path = vm.diskPath() != null ? vm.diskPath() : ephemeralRoot.resolve(vm.cid());
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    Optional<Director> directorAt(String address) {
        return Optional.ofNullable(running.get(address)).filter(Director::isRunning);
    }

    void stopAll() {
        running.values().forEach(Director::stop);
        running.clear();
    }
}
