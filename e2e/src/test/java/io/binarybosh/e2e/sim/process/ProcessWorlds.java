package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import java.nio.file.Path;

/** Worlds in process mode for tests: director VMs with real monit, sshd and director processes. */
public final class ProcessWorlds {
    /** Micro (create-env) and Primary (deployed by Micro): the smallest pair with an ssh API between them. */
    public static final String PAIR = """
            port: 25555
            timeScale: 0.02
            mode: process
            directors:
              micro: {name: micro-bosh, auth: uaa, client: admin, secret: micro-secret}
              primary: {name: primary-bosh, deployedBy: micro, deployment: bosh-primary, auth: uaa, client: admin, secret: primary-secret}
            releases:
              - {name: bosh, version: "283.1.6", jobs: [director]}
            stemcells:
              - {name: bosh-warden-boshlite-ubuntu-noble, os: ubuntu-noble, version: "1.484"}
            """;

    /** The three directors of binary-bosh.md with a workload on Primary. */
    public static final String THREE = TestWorlds.THREE_DIRECTORS.replace("timeScale: 0.01", "timeScale: 0.02\nmode: process");

    private ProcessWorlds() {
    }

    public static World start(String yaml, Path dir) {
        return World.start(WorldSpec.parse(yaml).withNetwork(TestWorlds.randomNetwork()), dir);
    }
}
