package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.NatsNetwork;
import io.binarybosh.e2e.sim.api.FaultBoard;
import io.binarybosh.e2e.sim.iaas.Iaas;
import java.util.concurrent.ScheduledExecutorService;

/** What every director of a world shares: the cloud, the network its NATS listens on, the clock scale. */
public record DirectorEnvironment(Iaas iaas, NatsNetwork network, ScheduledExecutorService scheduler, Timings timings,
                                  FaultBoard faults) {
}
