package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.agent.JobProcess;
import io.binarybosh.e2e.sim.director.Director;
import java.util.List;

/** The monit processes of a director VM; they are one simulated director process. */
final class DirectorProcess implements JobProcess {
    static final List<String> MONIT_NAMES = List.of("nats", "bosh_nats_sync", "postgres", "blobstore_nginx",
            "director", "worker_1", "worker_2", "worker_3", "director_scheduler", "director_sync_dns",
            "director_nginx", "health_monitor");
    private final Director director;
    private final Runnable onStop;

    DirectorProcess(Director director, Runnable onStop) {
        this.director = director;
        this.onStop = onStop;
    }

    @Override
    public List<String> monitNames() {
        return MONIT_NAMES;
    }

    @Override
    public boolean running() {
        return director.isRunning();
    }

    @Override
    public void stop() {
        director.stop();
        onStop.run();
    }
}
