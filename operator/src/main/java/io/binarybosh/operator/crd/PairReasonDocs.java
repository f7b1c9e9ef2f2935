package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;

import java.util.List;

/** What docs/troubleshooting.md says of the reasons of the pair's conditions. */
final class PairReasonDocs {

    static final ReasonTable MUTUALLY_MANAGED = new ReasonTable(ReasonSection.MUTUALLY_MANAGED, List.of(
            new ReasonRow(List.of(Reason.EACH_MANAGES_THE_OTHER),
                    "Meta holds Primary's deployment, Primary holds Meta's, and each VM's agent reports to "
                        + "the other",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "(Unknown) the directors have not been observed yet",
                    "wait one poll"),
            new ReasonRow(List.of(Reason.PRIMARY_NOT_MANAGED_BY_META, Reason.META_NOT_MANAGED_BY_PRIMARY),
                    "the deployment is not on the expected director (the message says where it is)",
                    "finish the migration (`spec.bootstrap`), or fix `spec.*.deployment`"),
            new ReasonRow(List.of(Reason.PRIMARY_AGENT_NOT_REPORTING, Reason.META_AGENT_NOT_REPORTING),
                    "the manager holds the deployment but sees no VM or an unresponsive agent: the VM's "
                        + "agent reports to another director (typically the Micro, before Meta recreated Primary's "
                        + "VM)",
                    "recreate the VM through its manager (`bosh -d <deployment> recreate`), or let the "
                        + "migration do it"),
            new ReasonRow(List.of(Reason.ROLES_SWAPPED),
                    "a deployment is on the director it names itself, and a director cannot deploy itself: "
                        + "`spec.primary` and `spec.meta` look swapped (their urls or their deployments)",
                    "swap them back in the spec"),
            new ReasonRow(List.of(Reason.PEER_NOT_OBSERVABLE),
                    "the peer cannot be asked (down, or not authorised)",
                    "see its `Reachable` and `Healthy` conditions"),
            new ReasonRow(List.of(Reason.DATABASE_NOT_ANSWERING),
                    "the peer answers but its database does not, so whether it holds the deployment is "
                        + "unknown (not \"not managed\")",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself")));

    static final ReasonTable RESURRECTION_ENABLED = new ReasonTable(ReasonSection.RESURRECTION_ENABLED, List.of(
            new ReasonRow(List.of(Reason.BOTH_WAYS),
                    "unpaused, resurrector on, stateful nodes fixed, no meltdown threshold a one-VM "
                        + "deployment can reach",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "(Unknown) the directors have not been observed yet",
                    "wait one poll"),
            new ReasonRow(List.of(Reason.RESURRECTION_PAUSED),
                    "`bosh update-resurrection off` is in force on a director",
                    "the operator unpauses it itself (event `ResurrectionUnpaused`), unless paused by "
                        + "annotation"),
            new ReasonRow(List.of(Reason.RESURRECTOR_DISABLED),
                    "`hm.resurrector_enabled` is not true in that director's manifest",
                    "set it, redeploy through its peer (or let `manifestRef` do it)"),
            new ReasonRow(List.of(Reason.STATEFUL_NODES_NOT_FIXED),
                    "`director.auto_fix_stateful_nodes` is not true",
                    "a director is a stateful node: set it to true"),
            new ReasonRow(List.of(Reason.MELTDOWN_THRESHOLDS),
                    "`hm.resurrector.minimum_down_jobs` / `percent_threshold` would stop the resurrector for "
                        + "a one-VM deployment",
                    "remove them or set `minimum_down_jobs: 1`; `spec.resurrection` says what the operator "
                        + "accepts"),
            new ReasonRow(List.of(Reason.DISABLED_IN_SPEC),
                    "`spec.resurrection.enabled: false`",
                    "the operator neither expects nor enforces resurrection; `Ready` ignores it"),
            new ReasonRow(List.of(Reason.NOT_OBSERVABLE),
                    "a director's resurrection state or manifest could not be read",
                    "see the directors' conditions"),
            new ReasonRow(List.of(Reason.DATABASE_NOT_ANSWERING),
                    "a director answers but its database does not: whether it would resurrect its peer is "
                        + "unknown",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself"),
            new ReasonRow(List.of(Reason.RESURRECTION_CONFIG_DISABLES),
                    "a `resurrection` config rule on the peer (`bosh configs --type resurrection`) disables "
                        + "resurrection of this director's deployment or instance group, as the health monitor "
                        + "applies the rules (`hm/resurrection_manager.rb`: every applying rule AND-ed)",
                    "remove or narrow the rule (`bosh delete-config --type resurrection --name <name>`). "
                        + "Repairs by the operator still work: they scan and resolve, which the rules do not govern"),
            new ReasonRow(List.of(Reason.INSTANCE_IGNORED),
                    "the director's instance is ignored on its peer (`bosh ignore`): scans, scan and fix and "
                        + "the resurrector skip it",
                    "`bosh -d <deployment> unignore bosh/<id>` on the peer. The operator does not repair an "
                        + "ignored director (`Blocked`, `InstanceIgnored`): its scan would find nothing"),
            new ReasonRow(List.of(Reason.INSTANCE_NOT_EXPECTING_VM),
                    "the instance expects no VM (`expects_vm` false: stopped with `--hard` or detached), so "
                        + "the health monitor does not resurrect it and scans skip it",
                    "`bosh -d <deployment> start` on the peer; not repaired by the operator (`Blocked`, "
                        + "`InstanceNotExpectingVm`)")));

    static final ReasonTable SPLIT_BRAIN = new ReasonTable(ReasonSection.SPLIT_BRAIN, List.of(
            new ReasonRow(List.of(Reason.NO_DUPLICATE_OWNER),
                    "no director outside the pair holds one of its deployments",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "(Unknown) the directors have not been observed yet",
                    "wait one poll"),
            new ReasonRow(List.of(Reason.DEPLOYMENT_ON_TWO_DIRECTORS),
                    "the Micro holds Primary's (or Meta's) deployment as well: a restarted Micro could fight "
                        + "Meta over the same VM",
                    "the operator fences the Micro over ssh as the jumpbox user with sudo (`FencingMicro`, "
                        + "then `MicroFenced`): `monit stop all` through `/var/vcap/bosh/bin/monit`, then the "
                        + "store's contents moved into a folder inside it (the store is the disk's mount point), "
                        + "never deleted. Repairs of Primary and Meta go on meanwhile"),
            new ReasonRow(List.of(Reason.MICRO_CANNOT_ACT),
                    "(False) the Micro answers but its database does not: what it holds is unknown, and "
                        + "without its database it runs no task on any VM",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself; `SplitBrain` is judged again once it answers")));

    static final ReasonTable PAUSED = new ReasonTable(ReasonSection.PAUSED, List.of(
            new ReasonRow(List.of(Reason.NOT_PAUSED),
                    "actions are allowed",
                    ""),
            new ReasonRow(List.of(Reason.PAUSED_BY_ANNOTATION),
                    "`binarybosh.io/paused: \"true\"`: no action, an operation in flight included; "
                        + "observation goes on. `kubectl annotate bbp <name> binarybosh.io/paused-` resumes",
                    "")));

    static final ReasonTable READY = new ReasonTable(ReasonSection.READY, List.of(
            new ReasonRow(List.of(Reason.MUTUALLY_MANAGED),
                    "(True) every condition above is good",
                    ""),
            new ReasonRow(List.of(Reason.SPEC_INVALID),
                    "(False) `SpecValid` is not True; the message lists every condition that is not good",
                    "see `SpecValid`"),
            new ReasonRow(List.of(Reason.PRIMARY_UNHEALTHY, Reason.META_UNHEALTHY),
                    "(False) that director's `Healthy` condition is not True",
                    "see `PrimaryHealthy`, `MetaHealthy`"),
            new ReasonRow(List.of(Reason.NOT_MUTUALLY_MANAGED),
                    "(False) `MutuallyManaged` is not True",
                    "see `MutuallyManaged`"),
            new ReasonRow(List.of(Reason.RESURRECTION_NOT_ENABLED),
                    "(False) `ResurrectionEnabled` is not True (and not `DisabledInSpec`)",
                    "see `ResurrectionEnabled`"),
            new ReasonRow(List.of(Reason.SPLIT_BRAIN),
                    "(False) `SplitBrain` is not False",
                    "see `SplitBrain`"),
            new ReasonRow(List.of(Reason.NOT_YET_MANAGED),
                    "(False) the spec is not valid enough to check the pair",
                    "see `SpecValid`")));

    static final ReasonTable RECONCILED = new ReasonTable(ReasonSection.RECONCILED, List.of(
            new ReasonRow(List.of(Reason.RECONCILE_ERROR),
                    "(False) the last reconcile ended in an exception the operator did not expect: a bug, or "
                        + "an API server that refused something other than a concurrent change. The message names "
                        + "the exception's type (and its text for the operator's own exceptions); the operator's "
                        + "log, at the condition's `lastTransitionTime`, has the rest. An operation in flight "
                        + "stays recorded and is resumed by the retry: after 2 s, 2 s, then doubling up to every 5 "
                        + "minutes, or at once on a new observation",
                    "read the log (`pair=<namespace>/<name>`); if it persists, pause the pair "
                        + "(`binarybosh.io/paused: \"true\"`) and report the stack trace")));

    private PairReasonDocs() {
    }

    static List<ReasonTable> tables() {
        return List.of(MUTUALLY_MANAGED, RESURRECTION_ENABLED, SPLIT_BRAIN, PAUSED, READY, RECONCILED);
    }
}
