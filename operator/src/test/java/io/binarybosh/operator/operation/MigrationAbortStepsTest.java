package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.support.FakeShell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.binarybosh.operator.model.OperationStep.ABORT_RESTORING_META_STORE;
import static io.binarybosh.operator.model.OperationStep.ABORT_STARTING_DIRECTORS;
import static io.binarybosh.operator.model.OperationStep.ABORT_STOPPING_META;
import static io.binarybosh.operator.model.OperationStep.COPYING_STORE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way back (abort: AbortStoppingMeta, AbortRestoringMetaStore, AbortStartingDirectors) and a person's retry of
 * a step that stopped for them.
 */
class MigrationAbortStepsTest {

    private static final List<String> META_OWN_STORE = List.of("postgres-15", "director", "blobstore");

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    /** At the copy, with attempt 1's rsync running on a store already moved aside. */
    private void copying() {
        path.to(COPYING_STORE);
        world.migrate();
        assertThat(world.metaVm.rsync.get(1).process()).isEqualTo("alive");
        assertThat(world.microVm.authorizedKeys).as("the copy key authorized").hasSize(2);
    }

    private void abort() {
        world.continueWith(Step.OperationAction.ABORT);
    }

    @Test
    void beforeAnythingStoppedTheAbortOnlyUnpausesAndRemovesTheSshUsers() {
        MigrationPath.manual(world).to(OperationStep.AWAITING_APPROVAL);
        int from = world.log.size();
        abort();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.operation().getAbortReason()).isEqualTo("binarybosh.io/abort=" + world.operation().getId());
        world.migrate();
        assertThat(world.logSince(from, "micro$ ")).as("nothing was stopped: nothing to start").isEmpty();
        assertThat(world.logSince(from, "meta$ ")).isEmpty();
        assertThat(world.logSince(from, "")).contains("micro POST /deployments/bosh-primary/ssh cleanup user="
                + user(), "primary POST /deployments/bosh-meta/ssh cleanup user=" + user());
        assertThat(finished().getResult()).isEqualTo("Aborted");
    }

    @Test
    void abortingTheCopyStopsRsyncPutsMetasOwnStoreBackAndStartsTheDirectors() {
        copying();
        abort();
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
        assertThat(world.events).contains("Warning MigrationAborting");
        world.migrate();
        assertThat(world.metaVm.rsync.get(1).process()).as("rsync killed before the store goes back").isEqualTo("dead");
        assertThat(world.step()).isEqualTo(ABORT_RESTORING_META_STORE);
        world.migrate();
        assertThat(world.metaVm.store).as("Meta's own store in place, the partial copy kept aside")
                .containsAll(META_OWN_STORE).doesNotContain(path.metaAside());
        assertThat(world.microVm.count("! grep -qF -- 'binarybosh-copy-")).as("copy key revoked").isEqualTo(1);
        assertThat(world.microVm.authorizedKeys).as("only the copy key gone").containsExactly(FakeShell.JUMPBOX_KEY);
        assertThat(world.migration().getMetaStoreAside()).isNull();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        world.migrate();
        for (var vm : List.of(world.metaVm, world.primaryVm, world.microVm)) {
            assertThat(vm.processesRunning).as(vm.name + " started").isTrue();
        }
        assertThat(List.of(world.micro, world.primary, world.meta)).allMatch(d -> !d.resurrectionPaused);
        assertThat(finished().getResult()).isEqualTo("Aborted");
        assertThat(world.migration().getShellAccess()).isNull();
    }

    @Test
    void metaIsNotTouchedWhileItsProcessesKeepRunning() {
        copying();
        abort();
        world.metaVm.processesRunning = true;
        world.metaVm.stopIgnored = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
        assertThat(world.metaVm.count("aborted-copy-")).isZero();
        assertThat(world.operation().getMessage()).contains("Meta's processes run");
    }

    @Test
    void crashBeforeTheAbortIsRecordedAbortsOnRestart() {
        copying();
        world.crashAt(StepWorld.record(COPYING_STORE), new Step.ContinueOperation(Step.OperationAction.ABORT));
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        abort();
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
    }

    @Test
    void crashAfterMetaStoppedBeforeItsRecordStopsItAgain() {
        copying();
        abort();
        world.crashAt(StepWorld.record(ABORT_STOPPING_META), new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_RESTORING_META_STORE);
    }

    @Test
    void crashAfterTheStoreWentBackBeforeItsRecordDoesNotMoveItTwice() {
        copying();
        abort();
        world.migrate();
        world.crashAt(StepWorld.record(ABORT_RESTORING_META_STORE),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.metaVm.store).containsAll(META_OWN_STORE);
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.metaVm.store.stream().filter(META_OWN_STORE::contains)).hasSize(3);
        assertThat(world.metaVm.asides).as("Meta's own store came back, nothing else moved")
                .doesNotContainKey(path.metaAside()).hasSize(1);
    }

    @Test
    void crashAfterTheDirectorsStartedBeforeTheFinishFinishesOnce() {
        copying();
        abort();
        world.migrate();
        world.migrate();
        world.crashAt(StepWorld.record(ABORT_STARTING_DIRECTORS, "finish"),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        world.migrate();
        assertThat(world.stored.getStatus().getHistory()).hasSize(1);
        assertThat(finished().getResult()).isEqualTo("Aborted");
    }

    @Test
    void aDirectorThatDoesNotAnswerYetAfterMonitStartIsWaitedFor() {
        copying();
        abort();
        world.migrate();
        world.migrate();
        world.primary.unreachableOn("PUT /resurrection");
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.operation().getMessage()).startsWith("waiting for Primary to answer");
        world.primary.heal();
        world.migrate();
        assertThat(finished().getResult()).isEqualTo("Aborted");
    }

    @Test
    void anAbortAfterACrashThatLeftTheMoveUnrecordedStillPutsMetasStoreBack() {
        path.to(OperationStep.MOVING_META_STORE_ASIDE);
        world.crashAt(StepWorld.record(OperationStep.MOVING_META_STORE_ASIDE),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.migration().getMetaStoreAside()).isNull();
        abort();
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
        world.migrate();
        world.migrate();
        assertThat(world.metaVm.store).containsAll(META_OWN_STORE);
        assertThat(world.metaVm.asides).doesNotContainKey(path.metaAside());
        world.migrate();
        assertThat(finished().getResult()).isEqualTo("Aborted");
    }

    @Test
    void anAbortAfterMetaStartedOnTheCopyStopsItAndPutsItsOwnStoreBack() {
        path.to(OperationStep.STARTING_META);
        world.migrate();
        assertThat(world.migration().getMetaStartSent()).isTrue();
        assertThat(world.metaVm.processesRunning).isTrue();
        abort();
        world.migrate();
        assertThat(world.metaVm.processesRunning).isFalse();
        world.migrate();
        assertThat(world.metaVm.store).containsAll(META_OWN_STORE);
        world.migrate();
        assertThat(world.microVm.processesRunning).as("the Micro, not fenced, runs again").isTrue();
        assertThat(world.microVm.asides).isEmpty();
        assertThat(finished().getResult()).isEqualTo("Aborted");
    }

    @Test
    void aPairDeletedMidMigrationIsAbortedWithThatReason() {
        copying();
        world.stored.getMetadata().setDeletionTimestamp("2026-11-25T12:00:00Z");
        abort();
        assertThat(world.operation().getAbortReason()).isEqualTo("the pair is being deleted");
    }

    private void copyFailed() {
        path.to(COPYING_STORE);
        for (int attempt = 1; attempt <= 5; attempt++) {
            world.migrate();
            world.metaVm.rsyncEnds(attempt, 23, world.microVm);
            world.migrate();
        }
    }

    @Test
    void aRetryAfterCopyFailedCopiesAgainFromTheFirstAttempt() {
        copyFailed();
        assertThat(world.migration().getBlockedReason()).isEqualTo("CopyFailed");
        assertThat(world.microVm.count("! grep -qF -- 'binarybosh-copy-")).as("copy key revoked").isEqualTo(1);
        assertThat(world.microVm.authorizedKeys).as("only the copy key gone").containsExactly(FakeShell.JUMPBOX_KEY);
        long started = world.metaVm.rsyncStarts().size();

        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.migration().getBlockedReason()).isNull();
        assertThat(world.migration().getRetries()).isEqualTo(1);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        assertThat(world.events).contains("Normal MigrationRetried");
        world.migrate();
        assertThat(world.metaVm.rsyncStarts()).as("the retry starts a copy").hasSize((int) started + 1);
        assertThat(world.microVm.authorizedKeys).as("the retry authorizes the copy key again").hasSize(2);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        assertThat(world.migration().getBlockedReason()).isNull();
    }

    @Test
    void crashBeforeTheRetryIsRecordedRetriesOnce() {
        copyFailed();
        world.crashAt(StepWorld.record(COPYING_STORE, "retry"), new Step.ContinueOperation(Step.OperationAction.RETRY));
        assertThat(world.migration().getBlockedReason()).isEqualTo("CopyFailed");
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.migration().getRetries()).isEqualTo(1);
        world.migrate();
        assertThat(world.metaVm.rsync.get(1).process()).isEqualTo("alive");
    }

    @Test
    void aRetryAfterTheFifthVerificationFailedCopiesAgainToo() {
        path.to(COPYING_STORE);
        for (int attempt = 1; attempt <= 5; attempt++) {
            world.migrate();
            world.metaVm.rsyncEnds(attempt, 0, world.microVm);
            world.metaVm.store.add("written-after-the-copy");
            world.migrate();
            world.migrate();
        }
        assertThat(world.migration().getBlockedReason()).isEqualTo("CopyFailed");
        assertThat(world.step()).isEqualTo(OperationStep.VERIFYING_COPY);
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        path.to(OperationStep.STARTING_META);
        assertThat(world.migration().getCopyVerified()).isTrue();
    }

    @Test
    void aRetryRestartsTheDeadlineOfAStepThatStoppedForAPerson() {
        path.to(OperationStep.STOPPING_DIRECTORS);
        world.primaryVm.processesRunning = true;
        world.primaryVm.stopIgnored = true;
        world.advance(Duration.ofMinutes(6));
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("DirectorsNotStopped");
        world.primaryVm.stopIgnored = false;
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.operation().getStepStartedTime()).isEqualTo(world.now().toString());
        world.migrate();
        assertThat(world.step()).isEqualTo(OperationStep.MOVING_META_STORE_ASIDE);
    }

    private String user() {
        String id = world.stored.getStatus().getHistory().isEmpty() ? world.operation().getId()
                : world.stored.getStatus().getHistory().get(0).getId();
        return "bosh_bbo" + id.substring(id.length() - 8);
    }

    private OperationRecord finished() {
        assertThat(world.operation()).as("the operation is finished").isNull();
        return world.stored.getStatus().getHistory().get(0);
    }
}
