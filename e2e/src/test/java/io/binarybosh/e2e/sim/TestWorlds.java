package io.binarybosh.e2e.sim;

import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Small worlds for tests: a random /24 inside 127/8 and real intervals scaled down 100 times or more. */
public final class TestWorlds {
    public static final String THREE_DIRECTORS = """
            port: 25555
            timeScale: 0.01
            directors:
              micro: {name: micro-bosh, auth: uaa, client: admin, secret: micro-secret}
              primary: {name: primary-bosh, deployedBy: micro, deployment: bosh-primary, auth: uaa, client: admin, secret: primary-secret}
              meta: {name: meta-bosh, deployedBy: primary, deployment: bosh-meta, auth: basic, client: admin, secret: meta-secret}
            releases:
              - {name: bosh, version: "283.1.6", jobs: [director]}
              - {name: zookeeper, version: "0.0.10", jobs: [zookeeper]}
            stemcells:
              - {name: bosh-warden-boshlite-ubuntu-noble, os: ubuntu-noble, version: "1.484"}
            deployments:
              - name: zookeeper
                director: primary
                release: zookeeper
                instanceGroups:
                  - {name: zookeeper, instances: 3, jobs: [zookeeper], persistentDisk: 1024}
            """;

    /** One create-env director with two workload deployments: enough for protocol tests. */
    public static final String ONE_DIRECTOR = """
            port: 25555
            timeScale: 0.01
            directors:
              primary: {name: primary-bosh, auth: uaa, client: admin, secret: primary-secret, resurrector: false}
            releases:
              - {name: bosh, version: "283.1.6", jobs: [director]}
              - {name: zookeeper, version: "0.0.10", jobs: [zookeeper, smoke-tests]}
            stemcells:
              - {name: bosh-warden-boshlite-ubuntu-noble, os: ubuntu-noble, version: "1.484"}
            deployments:
              - name: zookeeper
                director: primary
                release: zookeeper
                instanceGroups:
                  - {name: zookeeper, instances: 3, jobs: [zookeeper], persistentDisk: 1024}
              - name: web
                director: primary
                release: zookeeper
                instanceGroups:
                  - {name: web, instances: 2, jobs: [smoke-tests]}
            """;

    private TestWorlds() {
    }

    public static String randomNetwork() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(10, 250) + "." + r.nextInt(0, 255) + ".0/24";
    }

    public static World start(String yaml, Path dir) {
        return World.start(WorldSpec.parse(yaml).withNetwork(randomNetwork()), dir);
    }

    public static World start(String yaml, double timeScale, Path dir) {
        return World.start(WorldSpec.parse(yaml).withNetwork(randomNetwork()).withTimeScale(timeScale), dir);
    }
}
