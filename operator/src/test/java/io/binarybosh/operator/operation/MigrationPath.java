package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.OperationStep;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carries a migration through the step world the way the decision would, with the world doing its part (rsync
 * ends, Meta runs on the copy, Meta recreates Primary's VM), so that a test starts at the step it is about.
 */
final class MigrationPath {

    private final StepWorld world;

    MigrationPath(StepWorld world) {
        this.world = world;
    }

    static MigrationPath manual(StepWorld world) {
        world.stored.getSpec().setApproval(ApprovalMode.Manual);
        return new MigrationPath(world);
    }

    /** Starts the migration if none is in flight, then goes on until it is at {@code target}. */
    MigrationPath to(OperationStep target) {
        if (world.operation() == null) {
            world.act(new Step.StartMigration());
        }
        for (int i = 0; i < 40 && world.step() != target; i++) {
            once();
        }
        assertThat(world.step()).as("the migration reaches " + target + " (" + world.operation().getMessage() + ")")
                .isEqualTo(target);
        return this;
    }

    /** One reconcile of the step the migration is at, after what the world does meanwhile. */
    void once() {
        OperationStep step = world.step();
        switch (step) {
            case COPYING_STORE -> {
                int attempt = copyAttempt();
                if (world.metaVm.rsync.containsKey(attempt)) {
                    world.metaVm.rsyncEnds(attempt, 0, world.microVm);
                }
                world.migrate();
            }
            case STARTING_META -> {
                world.metaRunsOnTheCopy();
                world.migrate();
            }
            case SCANNING, RESOLVING -> {
                Long task = world.operation().getTaskId();
                if (task == null) {
                    world.continueWith(Step.OperationAction.FIND_OR_START_TASK);
                } else {
                    world.meta.setTaskState(task, TaskState.DONE);
                    if (step == OperationStep.RESOLVING) {
                        primaryRecreated();
                    }
                    world.continueWith(Step.OperationAction.NEXT_STEP);
                }
            }
            default -> world.migrate();
        }
    }

    int copyAttempt() {
        Integer attempt = world.migration().getCopyAttempt();
        return attempt == null ? 1 : attempt;
    }

    /** Meta recreated Primary's VM: a new VM, a new agent. */
    void primaryRecreated() {
        world.meta.instances.put("bosh-primary", List.of(StepWorld.instance("p2")));
    }

    String metaAside() {
        return ".binarybosh-meta-before-migration-" + stamp();
    }

    String microAside() {
        return ".binarybosh-micro-fenced-" + stamp();
    }

    String copyDir() {
        return "/var/vcap/data/binarybosh/" + world.operation().getId();
    }

    private String stamp() {
        return world.operation().getStartedTime().replace("-", "").replace(":", "");
    }
}
