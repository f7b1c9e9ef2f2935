package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.shell.HostKeyLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.binarybosh.operator.model.OperationStep.ABORT_STARTING_DIRECTORS;
import static io.binarybosh.operator.model.OperationStep.ABORT_STOPPING_META;
import static io.binarybosh.operator.model.OperationStep.COPYING_STORE;
import static io.binarybosh.operator.model.OperationStep.STOPPING_DIRECTORS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead ends of a migration: Meta's VM recreated mid-migration (a new host key, maybe a new IP, the migration's ssh
 * user gone) and an abort whose Micro never answers again.
 */
class MigrationVmReplacedTest {

    /** The recreated VM's host key: another key, not only another comment. */
    private static final String NEW_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEJib25ldy1tZXRhLWtleQ== root@meta2";

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    /** Primary's next ssh setup on Meta's instance succeeds at {@code ip} and hands over the new host key. */
    private void primaryHandsOverNewKey(String ip) {
        world.primary.sshSetups.put("bosh-meta", List.of(new io.binarybosh.operator.director.model.SshHostResult(
                "setup", "success", ip, NEW_KEY, "uuid-1", 0, "bosh", null, null)));
    }

    /** Primary recreated Meta's VM: a new CID, a new host key, and an ssh setup that hands the new key over. */
    private void metaRecreatedByPrimary(String ip) {
        world.primary.instances.put("bosh-meta", List.of(StepWorld.instance("m2")));
        primaryHandsOverNewKey(ip);
        if (ip.equals(StepWorld.META_VM)) {
            world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        } else {
            world.shells.unreachable(StepWorld.META_VM);
            world.shells.vm(ip, world.metaVm, NEW_KEY);
        }
    }

    private ShellAccessStatus metaAccess() {
        List<ShellAccessStatus> meta = world.migration().getShellAccess().stream()
                .filter(a -> "meta".equals(a.getRole())).toList();
        assertThat(meta).as("one access to Meta's VM").hasSize(1);
        return meta.get(0);
    }

    private long setups() {
        return world.log.stream().filter(l -> l.equals("primary POST /deployments/bosh-meta/ssh setup user="
                + user())).count();
    }

    @Test
    void theVmCidIsRecordedWithTheAccess() {
        path.to(STOPPING_DIRECTORS);
        assertThat(metaAccess().getVmCid()).isEqualTo("vm-m1");
    }

    @Test
    void aVmThatPrimaryShowsRecreatedGetsAccessAgainThroughPrimaryAndTheStepGoesOn() {
        MigrationPath.manual(world).to(STOPPING_DIRECTORS);
        metaRecreatedByPrimary(StepWorld.META_VM);
        long before = setups();
        world.migrate();
        assertThat(setups()).as("a new ssh setup through Primary").isEqualTo(before + 1);
        assertThat(metaAccess().getHostKey()).isEqualTo(NEW_KEY);
        assertThat(metaAccess().getVmCid()).isEqualTo("vm-m2");
        assertThat(world.events).contains("Normal VmReplaced");
        assertThat(world.step()).isEqualTo(STOPPING_DIRECTORS);
        assertThat(world.metaVm.commands()).noneMatch(c -> c.contains("monit stop"));
        world.migrate();
        assertThat(world.step()).isEqualTo(OperationStep.MOVING_META_STORE_ASIDE);
        assertThat(world.shells.logins()).anyMatch(l -> l.equals(user() + "@" + StepWorld.META_VM + " pinned "
                + NEW_KEY));
    }

    @Test
    void aRecreatedVmOnANewAddressIsFoundThroughItsManager() {
        path.to(STOPPING_DIRECTORS);
        metaRecreatedByPrimary("10.0.0.22");
        world.migrate();
        assertThat(metaAccess().getHost()).isEqualTo("10.0.0.22");
        world.migrate();
        assertThat(world.step()).isEqualTo(OperationStep.MOVING_META_STORE_ASIDE);
    }

    @Test
    void aCrashBetweenTheNewSetupAndItsRecordSetsUpAgainAndGoesOn() {
        path.to(STOPPING_DIRECTORS);
        metaRecreatedByPrimary(StepWorld.META_VM);
        long before = setups();
        world.crashAt(StepWorld.record(STOPPING_DIRECTORS, "vm-replaced"),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(metaAccess().getHostKey()).as("nothing recorded").isNotEqualTo(NEW_KEY);
        world.migrate();
        assertThat(setups()).as("cleanup first, then setup: a second setup succeeds").isEqualTo(before + 2);
        assertThat(metaAccess().getHostKey()).isEqualTo(NEW_KEY);
        world.migrate();
        assertThat(world.step()).isEqualTo(OperationStep.MOVING_META_STORE_ASIDE);
    }

    @Test
    void aChangedKeyItsManagerDoesNotExplainBlocksWithBothFingerprintsAndNeverLogsIn() {
        path.to(COPYING_STORE);
        world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        int logins = world.shells.logins().size();
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("VmHostKeyChanged");
        String pinned = HostKeyLine.parse(StepWorld.hostKey("meta")).fingerprint();
        String offered = HostKeyLine.parse(NEW_KEY).fingerprint();
        assertThat(world.migration().getBlockedMessage()).contains("pinned " + pinned, "offered " + offered,
                "Primary still shows VM vm-m1", "binarybosh.io/approve=" + world.operation().getId() + "-retry-1",
                "binarybosh.io/abort=" + world.operation().getId()).doesNotContain("AAAA");
        assertThat(world.shells.logins()).hasSize(logins);
        assertThat(world.events).contains("Warning VmHostKeyChanged");
    }

    @Test
    void theRetryOpensAccessAgainThroughTheManagerAndPinsTheKeyItHandsOver() {
        path.to(COPYING_STORE);
        world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        world.migrate();
        primaryHandsOverNewKey(StepWorld.META_VM);
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(metaAccess().getHostKey()).isEqualTo(NEW_KEY);
        assertThat(world.migration().getBlockedReason()).isNull();
        assertThat(world.migration().getRetries()).isEqualTo(1);
        world.migrate();
        assertThat(world.metaVm.rsync).containsKey(1);
    }

    @Test
    void aRetryWhileTheManagerDoesNotAnswerFailsAndStaysBlocked() {
        path.to(COPYING_STORE);
        world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        world.primaryDown = true;
        world.migrate();
        assertThat(world.migration().getBlockedMessage()).contains("Primary does not answer");
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.migration().getBlockedReason()).isEqualTo("VmHostKeyChanged");
        assertThat(world.migration().getRetries()).isNull();
        assertThat(world.operation().getMessage()).contains("monit start all");
    }

    @Test
    void aCrashBetweenTheRetrysSetupAndItsRecordRetriesOnceWithoutAnotherSetup() {
        path.to(COPYING_STORE);
        world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        world.migrate();
        primaryHandsOverNewKey(StepWorld.META_VM);
        world.crashAt(StepWorld.record(COPYING_STORE, "retry"), new Step.ContinueOperation(Step.OperationAction.RETRY));
        assertThat(world.migration().getBlockedReason()).as("still blocked: the retry is not recorded")
                .isEqualTo("VmHostKeyChanged");
        long before = setups();
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(setups()).isEqualTo(before);
        assertThat(world.migration().getRetries()).isEqualTo(1);
        assertThat(world.migration().getBlockedReason()).isNull();
    }

    /** Aborted mid-copy while Meta's VM answers with another key and Primary, its manager, is down. */
    private void abortWithMetaOutOfReach() {
        path.to(COPYING_STORE);
        world.migrate();
        world.shells.recreated(StepWorld.META_VM, NEW_KEY);
        world.primaryDown = true;
        world.continueWith(Step.OperationAction.ABORT);
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
    }

    @Test
    void anAbortThatCannotReachMetaLeavesItsStoreAndTheMicroForAPersonAndFinishes() {
        abortWithMetaOutOfReach();
        String aside = path.metaAside();
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.migration().getAbortLeftOver().getUnreachableVms()).containsExactly("meta");
        assertThat(world.migration().getMetaStoreAside()).as("still aside: not put back").isEqualTo(StepWorld.STORE + "/" + path.metaAside());
        assertThat(world.events).contains("Warning AbortSkipsVm");
        world.migrate();
        assertThat(world.primaryVm.processesRunning).isTrue();
        assertThat(world.microVm.processesRunning).as("not started while Meta's store may hold its copy").isFalse();
        assertThat(world.primary.resurrectionPaused).isFalse();
        assertThat(world.micro.resurrectionPaused).isTrue();
        assertThat(world.meta.resurrectionPaused).as("Meta may run on the Micro's data: not unpaused").isTrue();
        OperationRecord record = finished();
        assertThat(record.getResult()).isEqualTo("Aborted");
        assertThat(record.getMessage()).contains("NOT complete", "on Meta's VM", aside,
                "monit start all");
        assertThat(world.migration().getAbortLeftOver().getTodo()).contains("on Meta's VM", "Micro");
        assertThat(world.events).contains("Warning AbortIncomplete");
    }

    @Test
    void aCrashBeforeTheVmIsLeftRecordedLeavesItOnce() {
        abortWithMetaOutOfReach();
        world.crashAt(StepWorld.record(ABORT_STOPPING_META, "leave-meta"),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.migration().getAbortLeftOver()).isNull();
        world.migrate();
        assertThat(world.migration().getAbortLeftOver().getUnreachableVms()).containsExactly("meta");
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
    }

    @Test
    void anAbortWaitsForAnUnreachableVmUntilItsDeadlineThenGoesOnWithoutIt() {
        path.to(COPYING_STORE);
        world.migrate();
        world.continueWith(Step.OperationAction.ABORT);
        world.shells.unreachable(StepWorld.META_VM);
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STOPPING_META);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        world.advance(Duration.ofMinutes(16));
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.migration().getAbortLeftOver().getUnreachableVms()).containsExactly("meta");
    }

    @Test
    void anAbortThatReachesARecreatedMetaThroughPrimaryPutsItsStoreBack() {
        path.to(COPYING_STORE);
        world.migrate();
        world.continueWith(Step.OperationAction.ABORT);
        metaRecreatedByPrimary(StepWorld.META_VM);
        world.migrate();
        assertThat(world.events).contains("Normal VmReplaced");
        for (int i = 0; i < 3; i++) {
            world.migrate();
        }
        assertThat(finished().getMessage()).doesNotContain("NOT complete");
        assertThat(world.microVm.processesRunning).isTrue();
    }

    /** Aborted mid-copy, at the last step, with the Micro's API not answering after monit start all. */
    private void microSilentAfterStart() {
        path.to(COPYING_STORE);
        world.migrate();
        world.continueWith(Step.OperationAction.ABORT);
        world.migrate();
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        world.micro.unreachableOn("PUT /resurrection");
    }

    @Test
    void anAbortWhoseMicroDoesNotAnswerUnpausesTheOthersAndWaitsUntilItsDeadline() {
        microSilentAfterStart();
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        assertThat(world.operation().getMessage()).startsWith("waiting for Micro to answer");
        assertThat(world.primary.resurrectionPaused).isFalse();
        assertThat(world.meta.resurrectionPaused).isFalse();
        world.advance(Duration.ofMinutes(14));
        world.migrate();
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
    }

    @Test
    void pastItsDeadlineTheAbortFinishesSayingTheMicroDidNotComeBack() {
        microSilentAfterStart();
        world.migrate();
        world.advance(Duration.ofMinutes(16));
        world.migrate();
        OperationRecord record = finished();
        assertThat(record.getResult()).isEqualTo("Aborted");
        assertThat(record.getMessage()).contains("Micro did not answer", "monit start all");
        assertThat(world.events).contains("Warning MicroDidNotComeBack", "Warning AbortIncomplete");
        assertThat(List.of(world.primaryVm, world.metaVm)).allMatch(vm -> vm.processesRunning);
        assertThat(world.migration().getAbortLeftOver().getTodo()).contains("Micro did not answer");
    }

    @Test
    void aCrashBeforeTheIncompleteAbortIsRecordedFinishesOnce() {
        microSilentAfterStart();
        world.advance(Duration.ofMinutes(16));
        world.crashAt(StepWorld.record(ABORT_STARTING_DIRECTORS, "finish"),
                new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        assertThat(world.step()).isEqualTo(ABORT_STARTING_DIRECTORS);
        world.migrate();
        assertThat(world.stored.getStatus().getHistory()).hasSize(1);
        assertThat(finished().getMessage()).contains("NOT complete");
    }

    private String user() {
        String id = world.operation() != null ? world.operation().getId()
                : world.stored.getStatus().getHistory().get(0).getId();
        return "bosh_bbo" + id.substring(id.length() - 8);
    }

    private OperationRecord finished() {
        assertThat(world.operation()).as("the operation is finished").isNull();
        return world.stored.getStatus().getHistory().get(0);
    }
}
