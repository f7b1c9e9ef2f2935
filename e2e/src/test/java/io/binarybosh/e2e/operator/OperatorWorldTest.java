package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.world.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A simulated world and the operator watching it, both closed after each test whatever happened. */
abstract class OperatorWorldTest {

    @TempDir
    Path dir;
    World world;
    OperatorUnderTest operator;

    @AfterEach
    void closeOperatorAndWorld() {
        if (operator != null) {
            operator.close();
        }
        if (world != null) {
            world.close();
        }
    }
}
