package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;

import java.util.List;

/** What docs/troubleshooting.md says of why the operator does not act, what it waits for, and its events. */
final class ActionReasonDocs {

    static final ReasonTable BLOCKED = new ReasonTable(ReasonSection.BLOCKED, List.of(
            new ReasonRow(List.of(Reason.NOT_BLOCKED),
                    "(False) nothing blocks; the message says what the operator waits for, if anything",
                    ""),
            new ReasonRow(List.of(Reason.SPEC_INVALID),
                    "see `SpecValid`",
                    ""),
            new ReasonRow(List.of(Reason.LOST),
                    "neither Primary nor Meta answers: neither can resurrect the other, and the operator "
                        + "never thrashes",
                    "restore one director by hand (`bosh create-env` with its state file, or the IaaS "
                        + "console), then the operator repairs the other through it. Phase `Lost`"),
            new ReasonRow(List.of(Reason.SPLIT_BRAIN),
                    "see `SplitBrain`",
                    ""),
            new ReasonRow(List.of(Reason.MICRO_FENCE_FAILED),
                    "a fence attempt failed (the event and this message say why: no sudo, ssh "
                        + "refused, monit not stopping within 2 minutes); it is tried again after the poll "
                        + "interval, doubled after each failure (30 minutes at most), five times at most",
                    "fix what the message names; after five failures fence the Micro by hand (`sudo "
                        + "/var/vcap/bosh/bin/monit stop all`, then move the contents of `/var/vcap/store` aside)"),
            new ReasonRow(List.of(Reason.NEVER_ANSWERED),
                    "the down director never answered this operator",
                    "check it by hand"),
            new ReasonRow(List.of(Reason.PEER_NOT_USABLE),
                    "the director is down and its peer cannot be used to repair it (unreachable or rejecting "
                        + "the operator)",
                    "fix the peer first"),
            new ReasonRow(List.of(Reason.NOT_MANAGED_BY_PEER),
                    "the director is down, but its deployment is not on its peer",
                    "it is not mutually managed yet: repair it with whoever deploys it"),
            new ReasonRow(List.of(Reason.DEPLOYMENT_LOCKED_BY_STUCK_TASK),
                    "a task has held the down director's deployment for more than 30 minutes",
                    "`bosh -e <peer> tasks`, `bosh cancel-task <id>`, or set `spec.health.cancelStuckTasks: "
                        + "true` to let the operator cancel it"),
            new ReasonRow(List.of(Reason.JOBS_STOPPED_NOT_RECREATING),
                    "the agent is alive and reports the jobs failing or stopped",
                    "a recreation would not help: look at the jobs (`monit summary`, `/var/vcap/sys/log`)"),
            new ReasonRow(List.of(Reason.API_FROZEN),
                    "the agent reports running but the API does not answer",
                    "restart the director's jobs (`bosh -d <deployment> restart`) through its peer, or check "
                        + "the network"),
            new ReasonRow(List.of(Reason.REPAIR_BUDGET_SPENT),
                    "`maxRepairAttempts` recreations have not given a healthy director for "
                        + "`minHealthyPeriodSeconds`",
                    "look at why the new VM does not come up (IaaS quota, stemcell, persistent disk); the "
                        + "budget resets once the director stays healthy"),
            new ReasonRow(List.of(Reason.INSTANCE_IGNORED, Reason.INSTANCE_NOT_EXPECTING_VM),
                    "the down director's instance is ignored, or expects no VM, on its peer: a scan skips "
                        + "it, so a repair would only spend its budget",
                    "see `ResurrectionEnabled`"),
            new ReasonRow(List.of(Reason.PRIMARY_DATABASE_NOT_ANSWERING, Reason.META_DATABASE_NOT_ANSWERING),
                    "the director is down, and its peer answers but its database does not: nothing is "
                        + "repaired through it",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself")));

    static final ReasonTable WAITING = new ReasonTable(ReasonSection.WAITING, List.of(
            new ReasonRow(List.of(Reason.STEADY),
                    "nothing to do",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "a migration is due but the Micro has not been observed yet",
                    ""),
            new ReasonRow(List.of(Reason.PAUSED),
                    "the paused annotation is set",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_FRESH_OBSERVATION),
                    "after an action, or after a migration's approval, the operator waits for a look at the directors "
                    + "taken after it",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_HEALTH_MONITOR),
                    "a director is down; its peer's health monitor gets `forceRecreateAfterSeconds` to "
                        + "resurrect it before the operator steps in",
                    ""),
            new ReasonRow(List.of(Reason.HEALTH_MONITOR_REPAIRING),
                    "the peer's health monitor is running a scan-and-fix for it",
                    ""),
            new ReasonRow(List.of(Reason.MANAGER_VIEW_INCOMPLETE),
                    "the peer could not list its deployments or instances this time",
                    ""),
            new ReasonRow(List.of(Reason.TASK_IN_FLIGHT),
                    "a task of the peer runs on the down director's deployment",
                    ""),
            new ReasonRow(List.of(Reason.DEPLOYMENT_LOCKED),
                    "the deployment is locked on the peer",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_AGENT_CHECK),
                    "the peer has not yet said whether the agent answers",
                    ""),
            new ReasonRow(List.of(Reason.REPAIR_BACKOFF),
                    "the last repair is less than `forceRecreateAfterSeconds` old",
                    ""),
            new ReasonRow(List.of(Reason.RETRY_BACKOFF),
                    "an attempt at the operation's step failed (a director or shell error, in "
                        + "`status.operation.message`); the next waits until `status.operation.retryTime`, twice "
                        + "as long after each failure in a row (2 s up to 5 minutes)",
                    ""),
            new ReasonRow(List.of(Reason.PEER_RECENTLY_REPAIRED),
                    "the peer was itself just recreated, and is not trusted to repair yet "
                        + "(`minHealthyPeriodSeconds`)",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_APPROVAL),
                    "`spec.approval: Manual`: the operation waits for `kubectl annotate bbp <name> "
                        + "binarybosh.io/approve=<operation id>`",
                    ""),
            new ReasonRow(List.of(Reason.VERIFYING_REPAIR),
                    "the repaired director must answer on its new VM with the deployments it held",
                    ""),
            new ReasonRow(List.of(Reason.MANIFEST_DRIFT_NOT_DEPLOYABLE),
                    "a `manifestRef` differs from the deployed manifest, but cannot be deployed now (the "
                        + "message says why)",
                    ""),
            new ReasonRow(List.of(Reason.MANIFEST_DRIFT_WAITS_FOR_HEALTH),
                    "a `manifestRef` differs; it is deployed only while both directors answer",
                    ""),
            new ReasonRow(List.of(Reason.OPERATION_HELD_BY_ANOTHER_REPLICA),
                    "another operator replica holds the lease on the operation in flight "
                        + "(`status.operation.holder`, until `leaseRenewTime` + `leaseDurationSeconds`): this one "
                        + "only observes, and takes the operation over once the lease has expired (logged, not a "
                        + "condition: the status shows what the holder does)",
                    "")));

    static final ReasonTable EVENTS = new ReasonTable(ReasonSection.EVENTS, List.of(
            new ReasonRow(List.of(Reason.APPROVAL_REQUIRED),
                    "an operation waits for a person (`spec.approval: Manual`, or the migration's fence): "
                        + "the message names the annotation",
                    "`kubectl annotate bbp <name> binarybosh.io/approve=<value>` with the value in the "
                        + "message (also `status.awaitedApproval`)"),
            new ReasonRow(List.of(Reason.OPERATION_RESUMED),
                    "an operation set aside (for a fence) goes on from its step",
                    ""),
            new ReasonRow(List.of(Reason.REPAIR_STARTED),
                    "the operator asks the peer to scan and fix the down director's VM",
                    "watch `status.operation`"),
            new ReasonRow(List.of(Reason.REPAIR_SUCCEEDED),
                    "the repaired director answers on its new VM with the deployments it held",
                    ""),
            new ReasonRow(List.of(Reason.REPAIR_FAILED),
                    "the repair's task failed, or the repair did not end within its deadline; the message "
                        + "says which",
                    "read the peer's task (`bosh -e <peer> task <id>`); the next repair follows the "
                        + "`Healthy` condition and the repair budget"),
            new ReasonRow(List.of(Reason.REPAIR_ABANDONED),
                    "the repair is no longer needed (the director answers again) or names a step this "
                        + "version does not know",
                    ""),
            new ReasonRow(List.of(Reason.DEPLOY_STARTED),
                    "the operator deploys a `manifestRef` through the peer",
                    "watch `status.operation`"),
            new ReasonRow(List.of(Reason.DEPLOY_SUCCEEDED),
                    "the director answers and its deployment has the desired manifest",
                    ""),
            new ReasonRow(List.of(Reason.DEPLOY_FAILED),
                    "the deploy task failed, or the director did not answer with the manifest within the "
                        + "deadline",
                    "read the peer's task (`bosh -e <peer> task <id>`) and fix the manifest"),
            new ReasonRow(List.of(Reason.DEPLOY_ABANDONED),
                    "the deploy is no longer needed (the manifest matches again) or names a step this "
                        + "version does not know",
                    ""),
            new ReasonRow(List.of(Reason.RESURRECTION_UNPAUSED),
                    "the operator unpaused resurrection on a director (`PUT /resurrection`)",
                    ""),
            new ReasonRow(List.of(Reason.RESURRECTION_UNPAUSE_FAILED),
                    "the director still reports resurrection paused after the operator's `PUT /resurrection`",
                    "see `ResurrectionEnabled`; the operator tries again"),
            new ReasonRow(List.of(Reason.STUCK_TASK_CANCELLED),
                    "the operator cancelled a task that held the down director's deployment too long "
                        + "(`spec.health.cancelStuckTasks: true`)",
                    ""),
            new ReasonRow(List.of(Reason.FENCING_MICRO),
                    "the operator fences the Micro that holds a pair deployment (see `SplitBrain`)",
                    "watch `status.operation`"),
            new ReasonRow(List.of(Reason.MICRO_FENCED),
                    "the Micro's processes are stopped and its store's contents moved into a folder inside it",
                    "nothing; the Micro must not be started again"),
            new ReasonRow(List.of(Reason.MICRO_FENCE_FAILED),
                    "a fence attempt failed (see `Blocked`)",
                    "see `MicroFenceFailed` under `Blocked`"),
            new ReasonRow(List.of(Reason.MIGRATION_STARTED),
                    "the migration from the Micro to Meta begins with its preflight",
                    "watch `status.operation` and `status.migration`"),
            new ReasonRow(List.of(Reason.PREFLIGHT_PASSED),
                    "the start-time checks passed: the three directors answer, the Micro holds Primary, Meta "
                        + "is fresh",
                    ""),
            new ReasonRow(List.of(Reason.RESURRECTION_PAUSED),
                    "the migration paused resurrection on the Micro, Primary and Meta before it stops their "
                        + "directors",
                    "nothing; the migration unpauses it at its end, and so does an abort"),
            new ReasonRow(List.of(Reason.MIGRATION_APPROVED),
                    "the approval annotation arrived; the start-time checks run again before the next step",
                    ""),
            new ReasonRow(List.of(Reason.DIRECTORS_STOPPED),
                    "monit reports every process stopped on the Micro, Primary and Meta",
                    ""),
            new ReasonRow(List.of(Reason.META_STORE_MOVED_ASIDE),
                    "Meta's own store was moved aside on its disk, never deleted",
                    ""),
            new ReasonRow(List.of(Reason.STORE_COPIED),
                    "rsync copied the Micro's store onto Meta",
                    ""),
            new ReasonRow(List.of(Reason.COPY_REDONE),
                    "a copy attempt failed or did not verify: the copy is redone (five attempts at most)",
                    "see `CopyFailed` if it keeps failing"),
            new ReasonRow(List.of(Reason.COPY_VERIFIED),
                    "Meta's store equals the Micro's (files and checksums)",
                    ""),
            new ReasonRow(List.of(Reason.META_STARTED),
                    "Meta's director runs on the Micro's data",
                    ""),
            new ReasonRow(List.of(Reason.MICRO_RETIRED),
                    "the Micro answered again while Meta runs on its data (its VM restarted?): it is fenced "
                        + "at once, without waiting for the approval",
                    "nothing; the migration goes on"),
            new ReasonRow(List.of(Reason.PRIMARY_ADOPTED),
                    "Meta recreated Primary's VM: Primary's agent reports to Meta",
                    ""),
            new ReasonRow(List.of(Reason.ADOPTION_RETRIED),
                    "Meta's task recreating Primary's VM failed and is started again",
                    "read Meta's task"),
            new ReasonRow(List.of(Reason.MIGRATION_RETRIED),
                    "a person let a stopped step try again (`binarybosh.io/approve=<id>-retry-<n>`)",
                    ""),
            new ReasonRow(List.of(Reason.MIGRATION_ABORTING),
                    "`binarybosh.io/abort=<id>` (or the pair's deletion) brings the migration back to the "
                        + "state before it",
                    "watch `status.operation`"),
            new ReasonRow(List.of(Reason.VM_REPLACED),
                    "Primary's or Meta's VM was recreated during the migration (its managing director shows the "
                        + "instance on another VM): access was opened again through that director, the key it "
                        + "handed over pinned; the message gives both VM CIDs and key fingerprints",
                    "nothing; the step goes on"),
            new ReasonRow(List.of(Reason.ABORT_SKIPS_VM),
                    "an abort could not reach a VM (its host key changed with no director to vouch for the new "
                        + "one, or no answer for 15 minutes) and goes on without it",
                    "see `AbortIncomplete`"),
            new ReasonRow(List.of(Reason.MICRO_DID_NOT_COME_BACK),
                    "an abort started the Micro's jobs again, but its director did not answer within 15 minutes",
                    "`monit start all` on the Micro's VM, then `bosh update-resurrection on` on the Micro"),
            new ReasonRow(List.of(Reason.ABORT_INCOMPLETE),
                    "an abort finished without bringing every director back",
                    "see the `Migrated` condition's `AbortIncomplete`"),
            new ReasonRow(List.of(Reason.META_STORE_RESTORED),
                    "an aborted migration put Meta's own store back in place; the copy was moved aside",
                    ""),
            new ReasonRow(List.of(Reason.MIGRATION_SUCCEEDED),
                    "Meta took over from the Micro: Meta manages Primary, Primary manages Meta",
                    "keep `spec.bootstrap` so a restarted Micro is caught (`SplitBrain`)"),
            new ReasonRow(List.of(Reason.MIGRATION_REFUSED),
                    "preflight found a reason not to start; nothing was changed (the reason is in `Migrated`)",
                    "see the reason under `Migrated`"),
            new ReasonRow(List.of(Reason.MIGRATION_FAILED),
                    "the migration ended without Meta taking over; the message says where (a step that keeps "
                        + "failing or passes its deadline does not end it: it stops for a person, see `Migrated`)",
                    "read the message and `status.history`; see `Migrated`"),
            new ReasonRow(List.of(Reason.MIGRATION_ABANDONED),
                    "a migration closed as abandoned; this version never closes one so (a migration at a step it "
                        + "does not know stops with `UnknownStep` instead)",
                    "see `UnknownStep`"),
            new ReasonRow(List.of(Reason.MIGRATION_ABORTED),
                    "the abort is done: Meta's store back in place, the Micro started unless fenced, "
                        + "resurrection unpaused",
                    ""),
            new ReasonRow(List.of(Reason.OPERATION_ABANDONED),
                    "an operation of a type this version does not know (written by another version) was "
                        + "closed",
                    "run the version that wrote it if it must finish")));

    private ActionReasonDocs() {
    }

    static List<ReasonTable> tables() {
        return List.of(BLOCKED, WAITING, EVENTS);
    }
}
