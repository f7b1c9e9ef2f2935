package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.support.FakeShell;
import io.binarybosh.operator.support.FakeShellAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.binarybosh.operator.model.OperationStep.COPYING_STORE;
import static io.binarybosh.operator.model.OperationStep.FENCING_MICRO;
import static io.binarybosh.operator.model.OperationStep.MOVING_META_STORE_ASIDE;
import static io.binarybosh.operator.model.OperationStep.STARTING_META;
import static io.binarybosh.operator.model.OperationStep.VERIFYING_COPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Meta's store moved aside, the copy, its verification and Meta's start on it. */
class MigrationCopyStepsTest {

    private static final Step MIGRATE = new Step.ContinueOperation(Step.OperationAction.MIGRATE);
    private static final List<String> META_OWN_STORE = List.of("postgres-15", "director", "blobstore");

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    private void metaRebooted() {
        world.metaVm.processesRunning = true;
        world.metaVm.stopIgnored = true;
    }

    private long rsyncStarts() {
        return world.metaVm.rsyncStarts().size();
    }

    private String copyKeyMarker() {
        return "binarybosh-copy-" + world.operation().getId();
    }

    // MovingMetaStoreAside

    @Test
    void metaRunningAgainIsStoppedFirstAndItsStoreNotMoved() {
        path.to(MOVING_META_STORE_ASIDE);
        metaRebooted();
        world.migrate();
        assertThat(world.step()).isEqualTo(MOVING_META_STORE_ASIDE);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.metaVm.asides).isEmpty();
        assertThat(world.metaVm.store).containsExactlyElementsOf(META_OWN_STORE);
    }

    @Test
    void metasStoreIsMovedInsideItselfNeverDeleted() {
        path.to(MOVING_META_STORE_ASIDE);
        world.migrate();
        assertThat(world.metaVm.asides).containsOnlyKeys(path.metaAside());
        assertThat(world.metaVm.asides.get(path.metaAside())).containsExactlyElementsOf(META_OWN_STORE);
        assertThat(world.migration().getMetaStoreAside()).isEqualTo(StepWorld.STORE + "/" + path.metaAside());
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.metaVm.commands()).noneMatch(c -> c.contains("rm -"));
    }

    @Test
    void crashBeforeTheMoveIsRecordedFindsItDoneAndMovesNothingTwice() {
        path.to(MOVING_META_STORE_ASIDE);
        world.crashAt(StepWorld.record(MOVING_META_STORE_ASIDE), MIGRATE);
        assertThat(world.migration().getMetaStoreAside()).isNull();
        world.migrate();
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.metaVm.asides.get(path.metaAside())).containsExactlyElementsOf(META_OWN_STORE);
        assertThat(world.metaVm.store).containsExactly(path.metaAside());
    }

    // CopyingStore

    @Test
    void noRsyncStartsWhileMetasProcessesRun() {
        path.to(COPYING_STORE);
        metaRebooted();
        world.migrate();
        assertThat(rsyncStarts()).isZero();
        assertThat(world.operation().getMessage()).contains("the copy starts once Meta is stopped");
        world.metaVm.stopIgnored = false;
        world.migrate();
        assertThat(rsyncStarts()).isEqualTo(1);
    }

    @Test
    void noRsyncStartsFromAMicroWhosePostgresRunsAgain() {
        path.to(COPYING_STORE);
        world.microVm.stoppedClusterState = "in production";
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("SourcePostgresRunning");
        assertThat(rsyncStarts()).isZero();
        assertThat(world.microVm.authorizedKeys).as("no copy key authorized").containsExactly(FakeShell.JUMPBOX_KEY);
        assertThat(world.microVm.count("authorized_keys")).as("authorized_keys not touched").isZero();
    }

    @Test
    void metaRebootedMidCopyStopsRsyncAndRedoesTheCopy() {
        path.to(COPYING_STORE);
        world.migrate();
        metaRebooted();
        world.migrate();
        assertThat(world.metaVm.rsync.get(1).process()).isEqualTo("dead");
        assertThat(world.migration().getCopyAttempt()).isEqualTo(2);
        assertThat(world.events).contains("Warning CopyRedone");
    }

    @Test
    void metaRebootedAfterTheCopyEndedWellIsFoundByTheVerificationWhichRedoesTheCopy() {
        path.to(COPYING_STORE);
        world.migrate();
        world.metaVm.rsyncEnds(1, 0, world.microVm);
        metaRebooted();
        world.migrate();
        assertThat(world.step()).isEqualTo(VERIFYING_COPY);
        world.migrate();
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(2);
        assertThat(world.migration().getCopyVerified()).isNull();
        assertThat(world.metaVm.listingsMade() + world.metaVm.jobListingsRead()).as("no checksum of a store Meta runs on")
                .isZero();
        assertThat(world.events).contains("Warning CopyRedone");
    }

    @Test
    void sshDroppedMidCopyIsCountedAndTheCopyFollowedNotRestartedOnceItIsBack() {
        path.to(COPYING_STORE);
        world.migrate();
        world.shells.unreachable(StepWorld.META_VM);
        world.migrate();
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.operation().getRetryTime()).isEqualTo(world.now().plusSeconds(2).toString());
        world.shells.reachable();
        world.migrate();
        assertThat(rsyncStarts()).isEqualTo(1);
        assertThat(world.operation().getMessage()).startsWith("copy attempt 1 running");
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
    }

    @Test
    void aMetaVmRecreatedMidMigrationIsNotActedOn() {
        path.to(COPYING_STORE);
        world.shells.recreated(StepWorld.META_VM, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAC root@meta");
        int before = world.metaVm.commands().size();
        world.migrate();
        assertThat(world.metaVm.commands()).hasSize(before);
        assertThat(world.migration().getBlockedReason()).as("Primary still shows the recorded VM")
                .isEqualTo("VmHostKeyChanged");
        assertThat(world.step()).isEqualTo(COPYING_STORE);
    }

    @Test
    void theCopyKeyIsAuthorizedTheMicroPinnedAndRsyncStartedOnMeta() {
        path.to(COPYING_STORE);
        world.migrate();
        assertThat(world.microVm.count("authorized_keys")).isEqualTo(1);
        assertThat(world.microVm.authorizedKeys).hasSize(2).contains(FakeShell.JUMPBOX_KEY);
        assertThat(world.microVm.authorizedKeys.get(1)).as("the copy key may run only what Meta's rsync sends")
                .startsWith("from=\"" + StepWorld.META_VM + "\",restrict,command=\"case $SSH_ORIGINAL_COMMAND in "
                        + "'sudo -n rsync --server --sender -logDtpre.LsfxCIvu --timeout=600 --numeric-ids . "
                        + StepWorld.STORE + "/') exec sudo -n rsync --server")
                .endsWith(copyKeyMarker());
        assertThat(world.metaVm.inputs()).as("the copy key, on stdin").hasSize(1);
        assertThat(world.metaVm.commands()).as("the pinned host key line, public, in the command that writes both")
                .anyMatch(c -> c.contains("/known_hosts") && c.contains("127.0.0.3 " + FakeShellAccess.MICRO_HOST_KEY
                        .substring(0, FakeShellAccess.MICRO_HOST_KEY.lastIndexOf(' '))));
        assertThat(rsyncStarts()).isEqualTo(1);
        assertThat(world.step()).isEqualTo(COPYING_STORE);

        world.migrate();
        assertThat(rsyncStarts()).as("a running copy is followed, not restarted").isEqualTo(1);
        assertThat(world.migration().getCopiedBytes()).isEqualTo(3000L);
        world.metaVm.rsyncEnds(1, 0, world.microVm);
        world.migrate();
        assertThat(world.step()).isEqualTo(VERIFYING_COPY);
        assertThat(world.events).contains("Normal StoreCopied");
    }

    @Test
    void aStartReadsTheMicrosPostgresStateBesideItsLookAndLooksAtARecordedAttemptLeaveTheMicroAlone() {
        path.to(COPYING_STORE);
        long states = world.microVm.count("pg_controldata");
        world.migrate();
        assertThat(world.microVm.count("pg_controldata")).as("read once, with the look that started the copy")
                .isEqualTo(states + 1);
        assertThat(world.migration().getCopiedBytes()).as("recorded started: nothing copied yet").isZero();

        int microCommands = world.microVm.commands().size();
        world.migrate();
        assertThat(world.microVm.commands()).as("a look at a running copy sends the Micro nothing").hasSize(microCommands);
        assertThat(world.operation().getMessage()).startsWith("copy attempt 1 running");
    }

    @Test
    void crashAfterRsyncStartedBeforeItsRecordFindsItRunning() {
        path.to(COPYING_STORE);
        world.crashAtNextWrite(MIGRATE);
        assertThat(rsyncStarts()).isEqualTo(1);
        world.migrate();
        assertThat(rsyncStarts()).isEqualTo(1);
        assertThat(world.operation().getMessage()).startsWith("copy attempt 1 running");
    }

    @Test
    void crashAfterTheCopyEndedBeforeItsRecordMovesOnWithoutCopyingAgain() {
        path.to(COPYING_STORE);
        world.migrate();
        world.metaVm.rsyncEnds(1, 0, world.microVm);
        world.crashAt(StepWorld.record(COPYING_STORE), MIGRATE);
        world.migrate();
        assertThat(world.step()).isEqualTo(VERIFYING_COPY);
        assertThat(rsyncStarts()).isEqualTo(1);
    }

    @Test
    void crashBeforeAFailedAttemptsRedoIsRecordedRedoesItOnce() {
        path.to(COPYING_STORE);
        world.migrate();
        world.metaVm.rsyncEnds(1, 23, world.microVm);
        world.crashAt(StepWorld.record(COPYING_STORE, "redo"), MIGRATE);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        world.migrate();
        assertThat(world.migration().getCopyAttempt()).isEqualTo(2);
        world.migrate();
        assertThat(world.metaVm.rsyncStarts()).last().asString().contains("attempt-2").contains("--checksum");
        assertThat(world.microVm.authorizedKeys).as("the redo's key runs the checksumming sender")
                .anyMatch(l -> l.contains("-logDtprce.LsfxCIvu") && l.endsWith(copyKeyMarker()));
    }

    @Test
    void aCopyOutOfSpaceOnMetaAsksAPersonAtOnceWithMetaStoppedAndTheKeyGone() {
        path.to(COPYING_STORE);
        world.migrate();
        world.metaVm.rsyncRunsOutOfSpace(1);
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("MetaDiskFull");
        assertThat(world.migration().getBlockedMessage()).contains("No space left on device", "exit code 11",
                "binarybosh.io/approve=", "binarybosh.io/abort=" + world.operation().getId());
        assertThat(world.migration().getCopyAttempt()).as("no redo: it would fill the disk again").isEqualTo(1);
        assertThat(world.events).contains("Warning MetaDiskFull").doesNotContain("Warning CopyRedone");
        assertThat(world.microVm.authorizedKeys).as("the copy key removed").containsExactly(FakeShell.JUMPBOX_KEY);
        world.migrate();
        assertThat(rsyncStarts()).as("nothing copied again until a person says so").isEqualTo(1);
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.metaVm.count("monit start all")).as("Meta never started").isZero();

        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.migration().getBlockedReason()).isNull();
        world.migrate();
        assertThat(rsyncStarts()).as("the retry copies again from attempt 1").isEqualTo(2);
        assertThat(world.metaVm.rsyncStarts()).last().asString().contains("attempt-1.pid");
    }

    // VerifyingCopy

    @Test
    void metaRunningBeforeTheVerificationRedoesTheCopyWithoutChecksumming() {
        path.to(VERIFYING_COPY);
        metaRebooted();
        world.migrate();
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(2);
        assertThat(world.metaVm.listingsMade() + world.metaVm.jobListingsRead()).isZero();
    }

    @Test
    void differentChecksumsRedoTheCopyAndKeepBothSums() {
        path.to(VERIFYING_COPY);
        world.metaVm.store.add("written-after-the-copy");
        world.migrate();
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.migration().getSourceChecksum()).isNotEqualTo(world.migration().getTargetChecksum());
        assertThat(world.migration().getCopyVerified()).isNull();
    }

    @Test
    void equalChecksumsVerifyTheCopyAndRemoveTheKeyAndWorkingFiles() {
        path.to(VERIFYING_COPY);
        world.migrate();
        assertThat(world.step()).isEqualTo(STARTING_META);
        assertThat(world.migration().getCopyVerified()).isTrue();
        assertThat(world.migration().getSourceChecksum()).isEqualTo(world.migration().getTargetChecksum());
        assertThat(world.microVm.ran(world.sudo.removeCopyFiles(path.copyDir()))).isTrue();
        assertThat(world.metaVm.ran(world.sudo.removeCopyFiles(path.copyDir()))).isTrue();
        assertThat(world.microVm.count("! grep -qF -- '" + copyKeyMarker())).as("copy key revoked").isEqualTo(1);
        assertThat(world.microVm.authorizedKeys).containsExactly(FakeShell.JUMPBOX_KEY);
    }

    @Test
    void theVerificationTakesMetasListingFromTheCopysJobWhileItsStoreIsUnchanged() {
        path.to(VERIFYING_COPY);
        world.migrate();
        assertThat(world.step()).isEqualTo(STARTING_META);
        assertThat(world.metaVm.jobListingsRead()).isEqualTo(1);
        assertThat(world.metaVm.listingsMade()).as("Meta's store not read again").isZero();
    }

    @Test
    void aMetaStoreChangedSinceTheCopysListingIsListedAgainAfterTheListingIsStopped() {
        path.to(VERIFYING_COPY);
        world.metaVm.storeChangedAfterListing = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(STARTING_META);
        assertThat(world.metaVm.listingsMade()).as("Meta's store listed again").isEqualTo(1);
        List<String> commands = world.metaVm.commands();
        int stop = commands.indexOf(world.sudo.stopRsync(path.copyDir(), 1));
        assertThat(stop).as("the copy's job stopped").isNotNegative();
        assertThat(commands.subList(stop, commands.size())).anyMatch(c -> c.contains("xargs -0r"));
    }

    @Test
    void crashBeforeTheVerificationIsRecordedVerifiesAgainWithoutCopying() {
        path.to(VERIFYING_COPY);
        world.crashAt(StepWorld.record(VERIFYING_COPY), MIGRATE);
        world.migrate();
        assertThat(world.step()).isEqualTo(STARTING_META);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        assertThat(rsyncStarts()).isEqualTo(1);
    }

    // StartingMeta

    @Test
    void metaIsNeverStartedOnAnUnverifiedCopy() {
        path.to(STARTING_META);
        world.migration().setCopyVerified(null);
        assertThatThrownBy(world::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unverified");
        assertThat(world.metaVm.count("monit start all")).isZero();
    }

    @Test
    void metaRunningOnItsOwnAfterTheVerificationIsStoppedAndTheCopyRedone() {
        path.to(STARTING_META);
        metaRebooted();
        world.migrate();
        assertThat(world.step()).isEqualTo(COPYING_STORE);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(2);
        assertThat(world.metaVm.count("monit start all")).isZero();
    }

    @Test
    void metaIsStartedAfterTheIntentIsWrittenAndMustAnswerAsTheMicro() {
        path.to(STARTING_META);
        world.metaRunsOnTheCopy();
        world.migrate();
        assertThat(world.migration().getMetaStartSent()).isTrue();
        assertThat(world.metaVm.processesRunning).isTrue();
        assertThat(world.step()).isEqualTo(FENCING_MICRO);
        assertThat(world.events).contains("Normal MetaStarted");
    }

    @Test
    void aMetaThatAnswersAsAnotherDirectorBlocks() {
        path.to(STARTING_META);
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("MetaDoesNotMatchSource");
        assertThat(world.operation().getMessage()).contains("uuid meta-uuid, not the Micro's micro-uuid");
        assertThat(world.step()).isEqualTo(STARTING_META);
    }

    @Test
    void aMetaThatDoesNotAnswerIsWaitedForThenBlocks() {
        path.to(STARTING_META);
        world.meta.failOn("GET /info", () -> new DirectorUnreachableException("meta is unreachable", null));
        world.migrate();
        assertThat(world.operation().getMessage()).startsWith("monit start all sent to Meta; waiting for its API");
        world.advance(Duration.ofMinutes(11));
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("MetaDidNotStart");
        assertThat(world.migration().getCopyAttempt()).as("a started Meta is not mistaken for a reboot").isEqualTo(1);
    }

    @Test
    void crashBeforeTheStartIsRecordedDoesNotMistakeTheStartedMetaForAReboot() {
        path.to(STARTING_META);
        world.metaRunsOnTheCopy();
        world.crashAt(StepWorld.record(STARTING_META), MIGRATE);
        assertThat(world.metaVm.processesRunning).isTrue();
        world.metaVm.stopTakesAWhile = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(FENCING_MICRO);
        assertThat(world.migration().getCopyAttempt()).isEqualTo(1);
        assertThat(rsyncStarts()).isEqualTo(1);
    }
}
