package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.ShellAccessStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.binarybosh.operator.model.OperationStep.AWAITING_APPROVAL;
import static io.binarybosh.operator.model.OperationStep.MOVING_META_STORE_ASIDE;
import static io.binarybosh.operator.model.OperationStep.PAUSING_RESURRECTION;
import static io.binarybosh.operator.model.OperationStep.PREFLIGHT;
import static io.binarybosh.operator.model.OperationStep.STOPPING_DIRECTORS;
import static org.assertj.core.api.Assertions.assertThat;

/** The migration up to the directors stopped: Preflight, AwaitingApproval, PausingResurrection, StoppingDirectors. */
class MigrationStartStepsTest {

    private static final Step MIGRATE = new Step.ContinueOperation(Step.OperationAction.MIGRATE);

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    private List<String> ssh(String director) {
        return world.log.stream().filter(l -> l.startsWith(director + " POST") && l.contains("/ssh ")).toList();
    }

    // Preflight

    @Test
    void preflightRefusesAMetaDiskTooSmallBeforeAnythingIsPausedOrStopped() {
        world.metaVm.freeBytes = 10;
        world.act(new Step.StartMigration());
        assertThat(world.operation()).isNull();
        assertThat(world.stored.getStatus().getHistory().get(0).getResult()).isEqualTo("Refused");
        assertThat(world.migration().getRefusalReason()).isEqualTo("MetaDiskTooSmall");
        assertThat(world.log).noneMatch(l -> l.contains("PUT /resurrection") || l.contains("monit stop all"));
        assertThat(ssh("primary")).as("the ssh user made on Meta's VM is removed again").last().asString()
                .contains("ssh cleanup");
        assertThat(world.migration().getShellAccess()).isNull();
    }

    @Test
    void preflightRefusesAMicroStoreWithoutDirectorDataBeforeAnySshSetup() {
        world.microVm.store.clear();
        world.act(new Step.StartMigration());
        assertThat(world.migration().getRefusalReason()).isEqualTo("SourceHasNoDirectorData");
        assertThat(world.log).noneMatch(l -> l.contains("/ssh "));
    }

    @Test
    void preflightRefusesAnSshHostThatRunsAnotherDirectorBeforeLookingAtAnyStore() {
        world.microVm.directorName = "some-other-bosh";
        world.act(new Step.StartMigration());
        assertThat(world.migration().getRefusalReason()).isEqualTo("MicroIdentityMismatch");
        assertThat(world.log).noneMatch(l -> l.contains("/ssh ") || l.contains("pg_controldata")
                || l.contains("monit stop all"));

        world.microVm.directorName = null;
        world.stored.getStatus().getMigration().setRefusalTime(null);
        world.act(new Step.StartMigration());
        assertThat(world.migration().getRefusalMessage()).as("a VM without a director job").contains("no director job");
    }

    @Test
    void aFailedSshSetupBlocksAndIsTriedAgainLaterInsteadOfRefusing() {
        world.primary.sshSetups.clear();
        world.act(new Step.StartMigration());
        assertThat(world.step()).isEqualTo(PREFLIGHT);
        assertThat(world.migration().getBlockedReason()).isEqualTo("SshAccessFailed");
    }

    @Test
    void preflightOpensSshAccessPinsTheRawHostKeysAndRecordsWhatMetaMustHoldLater() {
        world.act(new Step.StartMigration());
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        // a user an earlier setup of this operation left is removed first: useradd fails on one that exists
        assertThat(ssh("micro")).hasSize(2).satisfies(l -> assertThat(l.get(0)).contains("cleanup"))
                .satisfies(l -> assertThat(l.get(1)).contains("setup"));
        assertThat(world.migration().getShellAccess()).extracting(ShellAccessStatus::getRole,
                ShellAccessStatus::getHost, ShellAccessStatus::getHostKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("primary", StepWorld.PRIMARY_VM,
                        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB root@primary"),
                org.assertj.core.groups.Tuple.tuple("meta", StepWorld.META_VM,
                        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB root@meta"));
        assertThat(world.shells.logins()).allMatch(l -> l.endsWith("root@meta") || l.endsWith("root@primary"));
        assertThat(world.migration().getSourceDeployments()).containsExactly("bosh-primary");
        assertThat(world.migration().getSourceReleases()).containsExactly("bosh/283.1.6");
        assertThat(world.migration().getPostgresDirectory()).isEqualTo("postgres-15");
        assertThat(world.events).containsSubsequence("Normal MigrationStarted", "Normal PreflightPassed");
    }

    @Test
    void crashBeforePreflightIsRecordedSetsUpSshAgainAfterACleanupAndGoesOn() {
        world.crashAt(StepWorld.record(PREFLIGHT), new Step.StartMigration());
        assertThat(world.step()).isEqualTo(PREFLIGHT);
        world.migrate();
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        assertThat(ssh("primary")).extracting(l -> l.contains("cleanup") ? "cleanup" : "setup")
                .containsExactly("cleanup", "setup", "cleanup", "setup");
        assertThat(world.log).noneMatch(l -> l.contains("PUT /resurrection"));
        assertThat(world.migration().getSteps()).extracting(s -> s.getStep()).containsExactly("Preflight");
    }

    // AwaitingApproval

    @Test
    void theApprovalRunsTheStartTimeChecksAgainOnWhatIsObservedNow() {
        MigrationPath.manual(world).to(AWAITING_APPROVAL);
        world.micro.addTask(TaskState.QUEUED, "create deployment", "cf", null);
        world.migrate();
        assertThat(world.operation()).isNull();
        assertThat(world.migration().getRefusalReason()).isEqualTo("TasksInFlight");
        assertThat(world.migration().getRefusalMessage()).startsWith("after the approval");
        assertThat(world.log).noneMatch(l -> l.contains("PUT /resurrection"));
    }

    @Test
    void theApprovalMovesOnWithoutTouchingADirector() {
        MigrationPath.manual(world).to(AWAITING_APPROVAL);
        int from = world.log.size();
        world.migrate();
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        assertThat(world.actsSince(from)).isEmpty();
        assertThat(world.events).contains("Normal MigrationApproved");
    }

    @Test
    void crashBeforeTheApprovalIsRecordedApprovesOnce() {
        MigrationPath.manual(world).to(AWAITING_APPROVAL);
        world.crashAt(StepWorld.record(AWAITING_APPROVAL), MIGRATE);
        assertThat(world.step()).isEqualTo(AWAITING_APPROVAL);
        world.migrate();
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        assertThat(world.migration().getSteps()).extracting(s -> s.getStep()).containsExactly("Preflight",
                "AwaitingApproval");
    }

    // PausingResurrection

    @Test
    void aDirectorThatStillReportsResurrectionOnHoldsTheStepBeforeAnythingStops() {
        path.to(PAUSING_RESURRECTION);
        world.primary.resurrectionObeys = false;
        world.migrate();
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.operation().getRetryTime()).isEqualTo(world.now().plusSeconds(2).toString());
        assertThat(world.log).noneMatch(l -> l.contains("monit stop all"));
    }

    @Test
    void resurrectionIsPausedOnTheThreeDirectors() {
        path.to(PAUSING_RESURRECTION);
        world.migrate();
        assertThat(world.directorChanges()).containsSubsequence("micro PUT /resurrection paused=true",
                "primary PUT /resurrection paused=true", "meta PUT /resurrection paused=true");
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
    }

    @Test
    void crashBeforeThePauseIsRecordedPausesAgainIdempotently() {
        path.to(PAUSING_RESURRECTION);
        world.crashAt(StepWorld.record(PAUSING_RESURRECTION), MIGRATE);
        assertThat(world.step()).isEqualTo(PAUSING_RESURRECTION);
        world.migrate();
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
        assertThat(List.of(world.micro, world.primary, world.meta)).allMatch(d -> d.resurrectionPaused);
        assertThat(world.log).noneMatch(l -> l.contains("monit stop all"));
    }

    // StoppingDirectors

    @Test
    void aProcessStillRunningHoldsTheStepThenBlocksAfterTheDeadline() {
        path.to(STOPPING_DIRECTORS);
        world.primaryVm.stopIgnored = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
        assertThat(world.operation().getMessage()).contains("not stopped yet: Primary");
        assertThat(world.metaVm.count("ls -A | grep -v")).as("Meta's store not moved").isZero();
        world.advance(Duration.ofMinutes(6));
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("DirectorsNotStopped");
        assertThat(world.metaVm.asides).isEmpty();
    }

    @Test
    void aStopStillPendingHoldsTheStepUntilMonitReportsItDone() {
        path.to(STOPPING_DIRECTORS);
        world.metaVm.stopTakesAWhile = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
        assertThat(world.operation().getMessage()).contains("stop pending");
        world.migrate();
        assertThat(world.step()).isEqualTo(MOVING_META_STORE_ASIDE);
    }

    @Test
    void aMicroWhosePostgresDiedBlocksAtOnce() {
        path.to(STOPPING_DIRECTORS);
        world.microVm.stoppedClusterState = "in production";
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("SourceNotCleanlyShutDown");
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
    }

    @Test
    void monitStopsAllOnTheThreeVms() {
        path.to(STOPPING_DIRECTORS);
        world.migrate();
        for (var vm : List.of(world.metaVm, world.primaryVm, world.microVm)) {
            assertThat(vm.ran(world.sudo.monitStopAll())).as(vm.name).isTrue();
            assertThat(vm.processesRunning).isFalse();
        }
        assertThat(world.step()).isEqualTo(MOVING_META_STORE_ASIDE);
        assertThat(world.events).contains("Normal DirectorsStopped");
    }

    @Test
    void crashBeforeTheStopIsRecordedChecksAgainAndMovesOn() {
        path.to(STOPPING_DIRECTORS);
        world.crashAt(StepWorld.record(STOPPING_DIRECTORS), MIGRATE);
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
        world.migrate();
        assertThat(world.step()).isEqualTo(MOVING_META_STORE_ASIDE);
        assertThat(world.metaVm.asides).isEmpty();
        assertThat(world.migration().getSteps()).extracting(s -> s.getStep())
                .containsOnlyOnce(OperationStep.STOPPING_DIRECTORS.wire());
    }
}
