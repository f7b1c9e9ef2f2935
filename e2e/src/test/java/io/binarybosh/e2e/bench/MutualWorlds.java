package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.operator.Migrations;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.World;

import java.nio.file.Path;

/** Micro, Primary and Meta brought to mutual management, as the operator finds them after the migration. */
final class MutualWorlds {

    private MutualWorlds() {
    }

    static World start(double timeScale, Path dir) {
        World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, timeScale, dir);
        try {
            Migrations.toMutualManagement(world);
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }
}
