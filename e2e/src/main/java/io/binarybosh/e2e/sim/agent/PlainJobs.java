package io.binarybosh.e2e.sim.agent;

import java.util.List;
import java.util.stream.Collectors;

/** Jobs that are nothing but named processes: they run until stopped. */
public final class PlainJobs implements JobProcess {
    private final List<String> names;
    private volatile boolean running = true;

    public PlainJobs(List<String> names) {
        this.names = List.copyOf(names);
    }

    public static PlainJobs of(io.binarybosh.e2e.sim.store.ApplySpec spec) {
        return new PlainJobs(spec.jobs().stream().map(j -> j.name()).collect(Collectors.toList()));
    }

    @Override
    public List<String> monitNames() {
        return names;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
    }
}
