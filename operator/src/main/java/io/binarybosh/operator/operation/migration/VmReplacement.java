package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.HostKeyLine;
import io.binarybosh.operator.shell.ShellException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VM of Primary or Meta recreated while the migration runs: its ssh host key is new, the migration's bosh ssh user
 * (which the agent added with useradd on the old VM: bosh-agent platform/linux_platform.go CreateUser) is gone, its
 * IP may be new. A recreated stemcell VM makes its own host keys on first boot (bosh-linux-stemcell-builder
 * stages/base_ubuntu_firstboot: rc.local runs firstboot.sh once, which removes /etc/ssh/ssh_host*key* and
 * reconfigures openssh-server); the agent hands the new public key to the director with each ssh setup (bosh-agent
 * platform/linux_platform.go GetHostPublicKey, /etc/ssh/ssh_host_rsa_key.pub). Only a running managing director can
 * recreate a VM (bosh-director instance_updater/recreate_handler.rb: a new VM, the persistent disk attached again;
 * the resurrector of bosh-monitor plugins/resurrector.rb asks the director for scan_and_fix), so this happens while
 * the Micro or Primary runs: before the directors are stopped (a person's bosh recreate or deploy, the resurrector
 * before resurrection is paused) or after a person started one again.
 * <p>
 * A changed key is never accepted from the VM itself: access is opened again only through the managing director,
 * when it shows the instance on another VM than the one recorded, and the key it hands over is pinned.
 */
final class VmReplacement {

    static final Reason HOST_KEY_CHANGED = Reason.VM_HOST_KEY_CHANGED;

    private VmReplacement() {
    }

    /** The instance on another VM than the recorded one, as the director managing {@code role} shows it now. */
    static Optional<Instance> replacement(OperationContext context, DirectorRole role, ShellAccessStatus access) {
        String recorded = recordedCid(context.migration(), role, access);
        return instance(context.facts().of(role))
                .filter(i -> i.cid() != null && recorded != null && !i.cid().equals(recorded));
    }

    /**
     * Handles a lost shell in a migration step (not an abort): access opened again through the managing director
     * when it shows a new VM; a changed key it cannot explain stops the migration for a person. False when neither
     * applies (the VM is unreachable: the step is tried again with backoff).
     */
    static boolean settle(OperationContext context, VmAccessLost lost) {
        Optional<Instance> replacement = replacement(context, lost.role(), lost.access());
        if (replacement.isPresent()) {
            reopen(context, lost.role(), lost.access(), replacement.get(), "the step goes on", true);
            return true;
        }
        if (lost.kind() != ShellException.Kind.HOST_KEY_CHANGED) {
            return false;
        }
        Journal.block(context, HOST_KEY_CHANGED, blockMessage(context, lost));
        return true;
    }

    /**
     * A person's retry after {@link #HOST_KEY_CHANGED}: access opened again, through the managing director, to each
     * VM whose shell cannot be opened. The director vouches for the key it hands over, even on the same VM.
     */
    static void reopenOnRetry(OperationContext context) {
        for (DirectorRole role : List.of(DirectorRole.PRIMARY, DirectorRole.META)) {
            ShellAccessStatus access = MigrationVms.access(context.pair(), role);
            if (access == null) {
                continue;
            }
            try {
                MigrationVms.shell(context, role).close();
            } catch (VmAccessLost lost) {
                Instance instance = instance(context.facts().of(role)).orElseThrow(() -> new DirectorException(
                        "the director managing " + role.displayName() + " does not answer or shows no VM of '"
                                + context.facts().of(role).deployment() + "': start it (monit start all on its VM) "
                                + "and annotate the retry again, or abort"));
                reopen(context, role, access, instance, "retried by a person", false);
            }
        }
    }

    /**
     * A new bosh ssh setup through the managing director; the key it hands over replaces the pinned one. A person's
     * retry leaves the block to the retry's own record, so that a crash in between never lets its annotation count
     * for a later block.
     */
    static void reopen(OperationContext context, DirectorRole role, ShellAccessStatus old, Instance instance,
                       String then, boolean clearBlock) {
        DirectorFacts facts = context.facts().of(role);
        DirectorRole manager = managerOf(facts, role);
        ShellAccessStatus fresh = MigrationVms.openAccess(context, role, context.client(manager), facts.deployment(),
                Optional.of(instance));
        context.beforeRecord("vm-replaced");
        BinaryBoshPair written = context.update(status -> {
            MigrationStatus m = status.getMigration();
            List<ShellAccessStatus> all = new ArrayList<>(m.getShellAccess());
            all.removeIf(a -> role.fieldName().equals(a.getRole()));
            all.add(fresh);
            m.setShellAccess(all);
            if (clearBlock && HOST_KEY_CHANGED.is(m.getBlockedReason())) {
                m.setBlockedReason(null);
                m.setBlockedMessage(null);
                m.setBlockedTime(null);
            }
            OperationStatus operation = status.getOperation();
            if (clearBlock) {
                operation.setFailures(null);
                operation.setRetryTime(null);
            }
            operation.setMessage(role.displayName() + "'s VM was recreated: ssh access opened again through "
                    + manager.displayName());
        });
        context.events().normal(written, Reason.VM_REPLACED, role.displayName() + "'s VM was recreated: "
                + manager.displayName() + " shows it on VM " + instance.cid() + " at " + fresh.getHost() + " (was "
                + recordedCid(context.migration(), role, old) + " at " + old.getHost() + "); ssh access opened again "
                + "through " + manager.displayName() + ", pinning the host key it handed over ("
                + fingerprint(fresh.getHostKey()) + ", was " + fingerprint(old.getHostKey()) + "); migration "
                + context.operation().getId() + " at " + context.operation().getStep() + ": " + then);
    }

    private static String blockMessage(OperationContext context, VmAccessLost lost) {
        DirectorRole role = lost.role();
        DirectorFacts facts = context.facts().of(role);
        String manager = managerOf(facts, role).displayName();
        Optional<Instance> shown = instance(facts);
        String managerSays = shown.isEmpty() ? manager + " does not answer or shows no VM of '" + facts.deployment()
                + "', so the new key cannot be taken from it"
                : manager + " still shows VM " + shown.get().cid() + ", the one recorded, so it does not explain "
                + "the new key";
        OperationStatus operation = context.operation();
        return role.displayName() + "'s VM at " + lost.access().getHost() + " answers with another ssh host key: "
                + "pinned " + fingerprint(lost.access().getHostKey()) + " (handed over by " + manager + " when the "
                + "migration opened access), offered " + lost.offeredFingerprint() + ". The VM was recreated (bosh "
                + "recreate, a deploy, the resurrector, the IaaS) or another machine has its address; the operator "
                + "does not log in to it. " + managerSays + ". To go on: have " + manager + " run and show the VM "
                + "(bosh -d " + facts.deployment() + " vms), then annotate binarybosh.io/approve="
                + Retry.value(operation, context.migration()) + ": access is opened again through " + manager
                + " and the key it hands over is pinned. Or annotate binarybosh.io/abort=" + operation.getId();
    }

    static String fingerprint(String hostKey) {
        try {
            return HostKeyLine.parse(hostKey).fingerprint();
        } catch (ShellException e) {
            return "(unreadable key)";
        }
    }

    /** The director holding the VM's deployment; when none answers, the one that held it when the migration began. */
    private static DirectorRole managerOf(DirectorFacts facts, DirectorRole role) {
        return facts.manager() != null ? facts.manager() : role == DirectorRole.META ? DirectorRole.PRIMARY
                : DirectorRole.MICRO;
    }

    private static Optional<Instance> instance(DirectorFacts facts) {
        return facts.managerView().flatMap(ManagedDeploymentView::instance);
    }

    private static String recordedCid(MigrationStatus migration, DirectorRole role, ShellAccessStatus access) {
        if (access != null && access.getVmCid() != null) {
            return access.getVmCid();
        }
        // access opened by an operator that did not record the CID: the one the migration started with
        return role == DirectorRole.META ? migration.getTargetVmCid() : migration.getPrimaryVmCid();
    }
}
