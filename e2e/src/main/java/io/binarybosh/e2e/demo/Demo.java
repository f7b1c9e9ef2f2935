package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.sim.process.ProcessSweep;
import io.binarybosh.e2e.sim.world.World;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole demo: the embedded API, the world, the operator, the pair applied with kubectl, then the story told.
 * {@link #close()} may come from Ctrl-C at any moment, from another thread, and leaves no process behind.
 */
final class Demo implements AutoCloseable {

    static final String NAMESPACE = "default";
    static final String PAIR = "bosh";

    private final DemoOptions options;
    private final Console console;
    private final Path dir;
    // Read by the narrator's thread; written under this object's lock.
    private volatile DemoCluster cluster;
    private World world;
    private Narrator narrator;
    private boolean closed;

    Demo(DemoOptions options, Console console, Path dir) {
        this.options = options;
        this.console = console;
        this.dir = dir;
    }

    void run() throws IOException, InterruptedException {
        DemoCluster api = kubernetes();
        World bosh = world();
        Narrator narrating = operator(api);
        applyPair(api, bosh);
        new Story(console, bosh, this::pair, narrating, options.pause(), "kubectl --kubeconfig " + api.kubeconfig()
                + " describe bbp " + PAIR).tell();
    }

    private DemoCluster kubernetes() {
        console.act("An embedded Kubernetes API that real kubectl talks to");
        DemoCluster api = remember(DemoCluster.start(options.kubectl()));
        console.say("kubeconfig: " + api.kubeconfig());
        console.say("watch from another terminal while the demo runs:");
        String kubectl = "    kubectl --kubeconfig " + api.kubeconfig();
        console.plain("");
        console.plain(kubectl + " get bbp -o wide");
        console.plain(kubectl + " describe bbp " + PAIR);
        // The copy's progress is in no printer column; events are listed in order of time.
        console.plain(kubectl + " get bbp " + PAIR + " -o custom-columns=PHASE:.status.phase,"
                + "STEP:.status.operation.step,COPIED:.status.migration.copiedBytes,RATE:.status.migration.copyRate");
        console.plain(kubectl + " get events --sort-by=.lastTimestamp"
                + " -o custom-columns=TIME:.lastTimestamp,TYPE:.type,REASON:.reason,MESSAGE:.message");
        console.plain("");
        console.say("$ kubectl apply --validate=false -f " + options.repository().relativize(options.crd()));
        api.apply(options.crd()).stdout().lines().forEach(console::say);
        return api;
    }

    private World world() {
        console.act("A simulated BOSH world: Micro (create-env) deploys Primary, Primary deploys Meta");
        console.say("process mode: each director VM has its own sshd, monit and director process (time scale "
                + options.timeScale() + ")");
        World started = remember(DemoWorld.start(options.timeScale(), dir.resolve("world")));
        for (String key : new String[] {"micro", "primary", "meta"}) {
            var endpoint = started.endpoint(key);
            console.say("%-7s %s  VM %s%s".formatted(key, endpoint.url(), started.directorVm(key).orElseThrow().cid(),
                    endpoint.deployedBy() == null ? ", made by create-env" : ", deployment " + endpoint.deployment()
                            + " on " + endpoint.deployedBy()));
        }
        if (options.microStoreMib() > 0) {
            Path store = started.ssh("micro").orElseThrow().home().resolve("var/vcap/store");
            long bytes = new MicroBlobstore(store).fill(options.microStoreMib());
            console.say("the Micro's store holds " + (bytes >> 20) + " MiB of blobstore objects besides its database");
        }
        return started;
    }

    private Narrator operator(DemoCluster api) {
        console.act("The operator, watching every namespace of the embedded API");
        api.startOperator();
        console.say("its log: " + dir.resolve("operator.log"));
        Narrator started = new Narrator(console, this::pair, () -> api.events(NAMESPACE));
        synchronized (this) {
            narrator = started;
        }
        started.start();
        return started;
    }

    private void applyPair(DemoCluster api, World bosh) throws IOException {
        console.act("The pair, declared with kubectl");
        PairManifest.Written files = PairManifest.forWorld(bosh, NAMESPACE, PAIR).writeTo(dir);
        for (Path file : new Path[] {files.secrets(), files.pair()}) {
            console.say("$ kubectl apply --validate=false -f " + file);
            api.apply(file).stdout().lines().forEach(console::say);
        }
    }

    private PairView pair() {
        DemoCluster api = cluster;
        return new PairView(api == null ? null : api.pair(NAMESPACE, PAIR));
    }

    private synchronized DemoCluster remember(DemoCluster started) {
        cluster = started;
        return closeIfClosed(started);
    }

    private synchronized World remember(World started) {
        world = started;
        return closeIfClosed(started);
    }

    /** Ctrl-C during a start: the new part is closed at once and the start fails. */
    private <T extends AutoCloseable> T closeIfClosed(T started) {
        if (closed) {
            close();
            throw new DemoFailure("stopped");
        }
        return started;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (narrator != null) {
            narrator.close();
            narrator = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (world != null) {
            world.close();
            world = null;
        }
        // A world still starting when Ctrl-C came has no World to close yet: its processes carry its folder.
        Path worldDir = dir.resolve("world");
        String marker = worldDir + "/";
        ProcessSweep.kill(marker);
        List<Long> left = ProcessSweep.find(marker);
        console.say(left.isEmpty() ? "no sshd, monit or director process of the world is left"
                : "these processes of the world are left: " + left);
        if (Files.exists(worldDir)) {
            delete(worldDir);
        }
    }

    /** Whether {@link #close()} has begun: what fails in the story after that is the stop, not the story. */
    synchronized boolean closing() {
        return closed;
    }

    /** The world's folder holds the stores, copies included; the operator's log and the manifests stay. */
    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
