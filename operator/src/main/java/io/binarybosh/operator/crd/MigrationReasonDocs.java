package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;

import java.util.List;

/** What docs/troubleshooting.md says of the reasons of Migrated (and of Blocked during a migration). */
final class MigrationReasonDocs {

    static final ReasonTable MIGRATED = new ReasonTable(ReasonSection.MIGRATED, List.of(
            new ReasonRow(List.of(Reason.MIGRATION_COMPLETED),
                    "the operator's migration ended: Meta holds Primary, Primary holds Meta",
                    "nothing; keep `spec.bootstrap` so a restarted Micro is caught (`SplitBrain`)"),
            new ReasonRow(List.of(Reason.PRIMARY_ON_META),
                    "Meta and Primary already hold each other's deployments (migrated before the operator "
                        + "watched)",
                    "nothing"),
            new ReasonRow(List.of(Reason.NOT_MIGRATED),
                    "the migration is due and about to start (or waits, see `Blocked`)",
                    "watch `status.operation`"),
            new ReasonRow(List.of(Reason.MIGRATING),
                    "a step is in flight (`status.operation.step`)",
                    "`kubectl describe bbp`: the step, the copy's bytes and rate"),
            new ReasonRow(List.of(Reason.MICRO_NOT_REACHABLE, Reason.PRIMARY_NOT_REACHABLE, Reason.META_NOT_REACHABLE),
                    "a director does not answer or refuses the credentials",
                    "see the `*Reachable` conditions"),
            new ReasonRow(List.of(Reason.SOURCE_DOES_NOT_HOLD_PRIMARY),
                    "the declared Micro does not hold Primary's deployment: Micro and Meta swapped in the "
                        + "spec, or another director",
                    "fix `spec.bootstrap.micro.url` and `spec.meta.url`"),
            new ReasonRow(List.of(Reason.DIRECTOR_ADDRESS_MISMATCH),
                    "a deployment's VM is not at the address its director's URL names",
                    "the spec names the wrong deployment or director"),
            new ReasonRow(List.of(Reason.META_NOT_ON_PRIMARY),
                    "Primary does not hold Meta's deployment",
                    "deploy Meta with Primary first"),
            new ReasonRow(List.of(Reason.TARGET_NOT_FRESH),
                    "Meta holds deployments of its own; the copy would lose them",
                    "use a freshly deployed Meta"),
            new ReasonRow(List.of(Reason.VERSION_SKEW),
                    "Meta's director is older than the Micro's",
                    "deploy Meta with a bosh release at least as new"),
            new ReasonRow(List.of(Reason.DEPLOYMENT_LOCKED, Reason.TASKS_IN_FLIGHT),
                    "a lock on Primary's or Meta's deployment, a task on Meta's deployment on Primary, or "
                        + "any queued or processing task on the Micro, of any deployment (the copied database "
                        + "would run it on Meta); agent checks (`retrieve vm-stats`) do not count",
                    "wait, or let the task end (`bosh -e micro tasks`, `bosh cancel-task <id>`)"),
            new ReasonRow(List.of(Reason.MICRO_IN_DNS_SETTINGS),
                    "Primary's or Meta's manifest names the Micro in a DNS or recursor setting",
                    "remove it, redeploy, then wait for preflight (5 minutes or a spec change)"),
            new ReasonRow(List.of(Reason.MICRO_IDENTITY_MISMATCH),
                    "the VM reached with `spec.bootstrap.micro.ssh` does not run the director at "
                        + "`spec.bootstrap.micro.url`: its `/var/vcap/jobs/director/config/director.yml` names "
                        + "another director than `/info`, or it has no director job",
                    "fix the ssh host (or the URL); nothing was stopped"),
            new ReasonRow(List.of(Reason.SOURCE_HAS_NO_DIRECTOR_DATA),
                    "the Micro's store holds no postgres data",
                    "check `spec.bootstrap.micro.storePath`"),
            new ReasonRow(List.of(Reason.META_DISK_TOO_SMALL),
                    "Meta's disk has less free space than the Micro's store takes (`df` on Meta, `du` of the "
                        + "Micro's store); Meta's own store stays on the disk, moved aside",
                    "give Meta a bigger persistent disk, then wait for preflight"),
            new ReasonRow(List.of(Reason.POSTGRES_VERSION_MISMATCH),
                    "Meta's bosh release runs another postgres major version than the Micro's data",
                    "deploy Meta with the Micro's bosh release"),
            new ReasonRow(List.of(Reason.SOURCE_POSTGRES_RUNNING, Reason.SOURCE_NOT_CLEANLY_SHUT_DOWN,
                    Reason.DIRECTORS_NOT_STOPPED),
                    "a process still runs on a director VM after `monit stop all`, or `pg_controldata` on "
                        + "the Micro's store does not say `Database cluster state: shut down` (postgres runs "
                        + "outside monit, or was killed; `postmaster.pid` is not looked at: under bpm its PID is 2 "
                        + "in postgres' own PID namespace)",
                    "stop it; for a killed postgres, start the Micro's director again (`monit start all`: "
                        + "postgres recovers) and stop it cleanly; the check repeats after 1 minute, then less "
                        + "often (up to every 10 minutes)"),
            new ReasonRow(List.of(Reason.SSH_ACCESS_FAILED),
                    "the ssh setup through Micro (for Primary's VM) or Primary (for Meta's VM) failed, or "
                        + "the director hands out access through a gateway (`director.default_ssh_options`), which "
                        + "the operator does not use",
                    "read the message (the agent's error); the operator removes its own user before each "
                        + "setup, so a leftover from an earlier attempt is not the cause; the next attempt waits 1 "
                        + "minute, then twice as long after each failure in a row (up to 10 minutes)"),
            new ReasonRow(List.of(Reason.COPY_FAILED),
                    "five copy attempts failed; the copy key was removed from the Micro, Meta's director "
                        + "stays stopped",
                    "read `/var/vcap/data/binarybosh/<operation id>/attempt-*.log` on Meta's VM (as root); "
                        + "then `binarybosh.io/approve=<id>-retry-<n>` (the exact value is in "
                        + "`status.awaitedApproval`) copies again from attempt 1, also when the fifth attempt "
                        + "failed its verification (the retry removes the copy's folder on Meta first: keep the "
                        + "logs you need), or `binarybosh.io/abort=<id>` goes back"),
            new ReasonRow(List.of(Reason.META_DISK_FULL),
                    "a copy attempt ran out of space on Meta's persistent disk (rsync's log says `No space left "
                        + "on device`); it is not redone, since another attempt would fill the disk again; the copy "
                        + "key was removed from the Micro, Meta's director stays stopped on the partial copy",
                    "free space on Meta's disk (`df /var/vcap/store` on Meta's VM; Meta's own store, moved aside, "
                        + "is on it too) or give Meta a bigger persistent disk; then "
                        + "`binarybosh.io/approve=<id>-retry-<n>` (the exact value is in `status.awaitedApproval`) "
                        + "copies again from attempt 1, or `binarybosh.io/abort=<id>` goes back"),
            new ReasonRow(List.of(Reason.META_DID_NOT_START, Reason.META_DOES_NOT_MATCH_SOURCE),
                    "Meta does not answer on the copy, or not as the Micro",
                    "`monit summary` and `/var/vcap/sys/log` on Meta; the Micro is intact until the fence; "
                        + "`binarybosh.io/approve=<id>-retry-<n>` tries again, `binarybosh.io/abort=<id>` goes back"),
            new ReasonRow(List.of(Reason.UNKNOWN_STEP),
                    "`status.operation.step` names a step this version of the operator does not know "
                        + "(written by another version); nothing is done, and `binarybosh.io/abort=<id>` or the "
                        + "pair's deletion is not acted on either: this version cannot tell whether the Micro is "
                        + "fenced, so it cannot know which way back is safe",
                    "run the version that wrote it (it goes on, or aborts); or `binarybosh.io/paused=true` and roll "
                        + "back by hand from what `status.migration` records ([rollback](migration.md#rolling-back-"
                        + "by-where-it-stopped))"),
            new ReasonRow(List.of(Reason.UNKNOWN_REASON),
                    "`status.migration` records a reason this version of the operator does not know (written by "
                        + "another version); the message is the one recorded",
                    "run the version that wrote it, or (before `FencingMicro`) abort the migration with "
                        + "`binarybosh.io/abort=<id>`"),
            new ReasonRow(List.of(Reason.PRIMARY_NOT_ADOPTED),
                    "Primary's new VM did not report running to Meta, or Primary did not answer with its "
                        + "deployments, 15 minutes after Meta recreated it",
                    "fix it (`bosh -e meta -d <primary> instances`, Primary's logs); "
                        + "`binarybosh.io/approve=<id>-retry-<n>` (the value is in `status.awaitedApproval`) waits "
                        + "again"),
            new ReasonRow(List.of(Reason.ADOPTION_FAILED),
                    "Meta's scan or recreate of Primary's VM ended badly on three attempts (each redone from "
                        + "the scan after a growing delay); the Micro is fenced, Meta runs on the copy",
                    "read Meta's task (`bosh -e meta task <taskId>`), fix the cause; "
                        + "`binarybosh.io/approve=<id>-retry-<n>` (the value is in `status.awaitedApproval`) scans "
                        + "again from attempt 1"),
            new ReasonRow(List.of(Reason.ADOPTION_TIMED_OUT),
                    "Meta's scan or recreate task of Primary's deployment has not ended (or could not be started) "
                        + "30 minutes after its step began; the operator neither cancels nor forgets it",
                    "read the task (`bosh -e meta task <taskId>`); one that hangs can be cancelled (`bosh -e meta "
                        + "cancel-task <taskId>`): the operator then scans again by itself; "
                        + "`binarybosh.io/approve=<id>-retry-<n>` follows it another 30 minutes"),
            new ReasonRow(List.of(Reason.MICRO_NOT_FENCED),
                    "30 minutes after `FencingMicro` began, monit on the Micro still reports processes running "
                        + "(or its VM cannot be reached); Meta already runs on the copy, so the Micro must not come "
                        + "back",
                    "stop the Micro's processes (`monit stop all` on its VM, by hand what monit does not stop): "
                        + "the operator moves its store aside at its next check by itself (checked again after 1 "
                        + "minute, then less often, up to every 10 minutes); "
                        + "`binarybosh.io/approve=<id>-retry-<n>` waits another 30 minutes"),
            new ReasonRow(List.of(Reason.MIGRATION_STEP_TIMED_OUT),
                    "`Preflight`, `PausingResurrection`, `MovingMetaStoreAside` or `UnpausingResurrection` kept "
                        + "failing for 30 minutes (a director or a VM's ssh that does not answer; the message has "
                        + "the last error). Nothing is undone: the directors stay as the step left them, and the "
                        + "step is checked again after 1 minute, then less often (up to every 10 minutes)",
                    "fix the cause; `binarybosh.io/approve=<id>-retry-<n>` (in `status.awaitedApproval`) gives "
                        + "the step another 30 minutes. Before the fence `binarybosh.io/abort=<id>` goes back "
                        + "instead; at `UnpausingResurrection` the migration is done but for `bosh "
                        + "update-resurrection on` on Meta and Primary"),
            new ReasonRow(List.of(Reason.MIGRATION_TARGET_CHANGED),
                    "the spec names another Micro or Meta than the migration in flight",
                    "restore the spec"),
            new ReasonRow(List.of(Reason.VM_HOST_KEY_CHANGED),
                    "Primary's or Meta's VM answers ssh with another host key than the one its managing "
                        + "director handed over at preflight (the message gives both SHA256 fingerprints, never a "
                        + "key), and that director does not explain it: it does not answer (stopped by the "
                        + "migration), or still shows the recorded VM CID. The operator does not log in. When the "
                        + "managing director shows the instance on another VM than "
                        + "`status.migration.shellAccess[].vmCid`, the operator opens access again through it by "
                        + "itself (event `VmReplaced`) and this is never set",
                    "find out why the key changed (`bosh -d <deployment> vms` on the managing director, the "
                        + "IaaS console: a `bosh recreate`, a deploy, the resurrector, or another machine at the "
                        + "address). Then `binarybosh.io/approve=<id>-retry-<n>` (the value is in "
                        + "`status.awaitedApproval`): a new `bosh ssh` setup through the managing director, which "
                        + "must answer, and the key it hands over is pinned; or `binarybosh.io/abort=<id>`"),
            new ReasonRow(List.of(Reason.ABORT_INCOMPLETE),
                    "an abort finished without bringing every director back: a VM it could not reach (host key "
                        + "changed with no director to vouch for the new one, or unreachable for 15 minutes), or a "
                        + "director that did not answer within 15 minutes after `monit start all` (event "
                        + "`MicroDidNotComeBack` for the Micro). It did the rest (the others started, resurrection "
                        + "unpaused where they run) and deleted nothing; if Meta's store could not be put back, the "
                        + "Micro and Meta stay stopped and paused so that two directors never run on the Micro's "
                        + "data. The list is in `status.migration.abortLeftOver.todo` and the history entry; no "
                        + "migration starts meanwhile",
                    "do what the message says on each VM (`monit start all`; for Meta: `monit stop all`, the "
                        + "copy moved aside, `status.migration.metaStoreAside` moved back, `monit start all`), `bosh "
                        + "update-resurrection on` on the directors it names, then `binarybosh.io/approve=<aborted "
                        + "id>-retry-1` (in `status.awaitedApproval`) lets preflight run again; or remove "
                        + "`spec.bootstrap`"),
            new ReasonRow(List.of(Reason.MICRO_DATABASE_NOT_ANSWERING, Reason.PRIMARY_DATABASE_NOT_ANSWERING,
                    Reason.META_DATABASE_NOT_ANSWERING),
                    "that director answers `/info` but its database does not: the preflight reads no list "
                        + "from it (a Micro whose `/deployments` fails is not \"holding nothing\")",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself; preflight runs again at every poll"),
            new ReasonRow(List.of(Reason.CONFIG_SERVER_NAME_MISMATCH),
                    "the Micro uses a config server (CredHub) and Meta is deployed under another "
                        + "`director.name`, or a variable of Primary's current set is not under `/<Meta's "
                        + "name>/<Primary's deployment>/`: Meta could not recreate Primary's VM (\"Expected "
                        + "variable ... to be already versioned\")",
                    "redeploy Meta through Primary with the Micro's `director.name` and the Micro's CredHub "
                        + "encryption password (see [the migration's "
                        + "prerequisites](migration.md#prerequisites-how-meta-must-be-deployed))"),
            new ReasonRow(List.of(Reason.CONFIG_SERVER_VARIABLES_UNKNOWN),
                    "the Micro uses a config server but `GET /deployments/<primary>/variables` could not be "
                        + "read",
                    "see `MicroReachable`; the preflight runs again at every poll")));

    private MigrationReasonDocs() {
    }

    static List<ReasonTable> tables() {
        return List.of(MIGRATED);
    }
}
