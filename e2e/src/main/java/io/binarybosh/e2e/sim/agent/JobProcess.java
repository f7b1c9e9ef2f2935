package io.binarybosh.e2e.sim.agent;

import java.util.List;

/** The processes monit runs for the jobs of one instance, started by the agent on `apply`. */
public interface JobProcess {
    List<String> monitNames();

    boolean running();

    void stop();
}
