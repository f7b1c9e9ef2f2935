package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.api.ApiServer;
import io.binarybosh.e2e.sim.api.Authenticator;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.api.Router;
import io.binarybosh.e2e.sim.api.TokenIssuer;
import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.agent.Nats;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.hm.HealthMonitor;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.StoreLayout;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * One running director process: its database (in the store), its NATS, its workers, its HTTPS API and its
 * health monitor. Stopping it is a hard kill: running tasks and held locks stay as they are in the store.
 */
public final class Director {
    private final DirectorConfig config;
    private final Path store;
    private final DirectorEnvironment env;
    private DirectorDb db;
    private Nats nats;
    private TaskRunner runner;
    private ApiServer api;
    private ApiServer uaa;
    private HealthMonitor hm;
    private volatile boolean running;
    private volatile String uuid;
    private final String postgresDirectory;
    private volatile java.util.function.BooleanSupplier postgresServer = () -> true;

    public Director(DirectorConfig config, Path store, DirectorEnvironment env) {
        this(config, store, env, StoreLayout.POSTGRES_DIR);
    }

    /** {@code postgresDirectory}: the data directory of the postgres job on its VM (postgres-15, or postgres-13). */
    public Director(DirectorConfig config, Path store, DirectorEnvironment env, String postgresDirectory) {
        this.config = config;
        this.store = store;
        this.env = env;
        this.postgresDirectory = postgresDirectory;
    }

    /** Where postgres is a process of its own: whether it runs (the database answers only then). */
    public void postgresServer(java.util.function.BooleanSupplier running) {
        postgresServer = running;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        db = DirectorDb.open(new StoreLayout(store, postgresDirectory));
        db.serverProcess(postgresServer);
        // Config.uuid: read once when the director starts (bosh director/config.rb): without postgres it cannot
        uuid = db.read(t -> t.uuid);
        nats = new Nats(config.address(), config.natsCaId());
        env.network().listen(nats);
        Locks locks = new Locks(db, env.timings());
        VmLifecycle vms = new VmLifecycle(db, env.iaas(), nats, config, env.timings());
        CloudCheck cloudCheck = new CloudCheck(db, vms, env.timings());
        Deployer deployer = new Deployer(db, vms, env.timings());
        VmStates vmStates = new VmStates(vms, env.timings());
        DirectorJobs jobs = new DirectorJobs(db, config, deployer, cloudCheck, vmStates, vms, env.timings().deployLockWait());
        runner = new TaskRunner(db, locks, env.timings(), config.workers(), "director-" + config.address(), jobs::jobFor, config.maxTasks());
        Authenticator auth = new Authenticator(config.uaa(), config.secrets(),
                new TokenIssuer(config.tokenSigningKey(), (config.uaa() ? config.uaaServer().url() : config.url())
                        + "/oauth/token",
                        Math.max(60, env.timings().seconds(600).toSeconds()), Clock.systemUTC()));
        Router anonymous = new Router();
        Router router = new Router();
        // /info needs no database: the uuid was read above
        DirectorRoutes directorRoutes = new DirectorRoutes(db, config, auth, locks, uuid);
        directorRoutes.registerAnonymous(anonymous);
        directorRoutes.register(router);
        new DeploymentRoutes(db, runner, locks, cloudCheck).register(router);
        new TaskRoutes(db, runner).register(router);
        api = new ApiServer(config.address(), config.port(), sslContext(config.certificatePem(), config.privateKeyPem()),
                auth, anonymous, router,
                env.faults().at(config.address()));
        api.start();
        if (config.uaa()) {
            Router uaaRoutes = new Router();
            directorRoutes.registerUaa(uaaRoutes);
            uaa = new ApiServer(config.address(), config.uaaServer().port(),
                    sslContext(config.uaaServer().certificatePem(), config.uaaServer().privateKeyPem()), auth, uaaRoutes,
                    new Router(), env.faults().at(config.address() + ":" + config.uaaServer().port()));
            uaa.start();
        }
        runner.resumeQueued();
        if (config.hm().enabled()) {
            hm = new HealthMonitor(config, env.timings(), nats);
            hm.start();
        }
        running = true;
    }

    private static SSLContext sslContext(String certificatePem, String privateKeyPem) {
        HeldCertificate held = HeldCertificate.decode(certificatePem + "\n" + privateKeyPem);
        return new HandshakeCertificates.Builder().heldCertificate(held).build().sslContext();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (hm != null) {
            hm.stop();
            hm = null;
        }
        api.stop();
        if (uaa != null) {
            uaa.stop();
            uaa = null;
        }
        runner.kill();
        env.network().stopListening(nats);
        nats.close();
    }

    public boolean isRunning() {
        return running;
    }

    public DirectorConfig config() {
        return config;
    }

    public Path store() {
        return store;
    }

    public DirectorDb db() {
        requireRunning();
        return db;
    }

    /** The uuid it read from its database when it started ({@code Config.uuid}). */
    public String uuid() {
        requireRunning();
        return uuid;
    }

    public Nats nats() {
        requireRunning();
        return nats;
    }

    public HealthMonitor healthMonitor() {
        return hm;
    }

    /** Starts a task as the given user, exactly as the API would. */
    public long enqueue(String type, String description, String user, String deployment, JsonNode args) {
        requireRunning();
        return runner.enqueue(type, description, user, deployment, "", args);
    }

    /**
     * A task that took {@code deployment}'s lock {@code startedAgo} ago and never ends until cancelled, checkpointing
     * all along: a worker hung on a CPI call. Returns once it holds the lock.
     */
    public long stuckTask(String deployment, String description, String user, Duration startedAgo) {
        long id = enqueue(DirectorJobs.STUCK, description, user, deployment, Json.JSON.createObjectNode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (db().read(t -> t.locks.stream().noneMatch(lock -> lock.taskId() == id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + id + " did not take the lock of " + deployment);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long started = System.currentTimeMillis() / 1000 - startedAgo.toSeconds();
        db().write(t -> t.tasks.computeIfPresent(id, (k, row) -> row.withStartedAt(started)));
        return id;
    }

    public TaskRow awaitTask(long id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TaskRow row = db().read(t -> t.tasks.get(id));
            if (row != null && !row.isRunning()) {
                return row;
            }
            if (System.nanoTime() > deadline) {
                throw new DirectorError(100, 500, "task " + id + " still " + (row == null ? "missing" : row.state()));
            }
            // The task runner signals no completion; a short poll of the store, bounded by the deadline.
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DirectorError(100, 500, "interrupted");
            }
        }
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("director " + config.name() + " at " + config.address() + " is not running");
        }
    }
}
