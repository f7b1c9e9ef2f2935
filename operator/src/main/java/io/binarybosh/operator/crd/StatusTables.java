package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The status tables of docs/reference.md written from the enums: the condition types with the reasons each is
 * written with, and the operation types with their steps. What a type means is said here, next to nothing else.
 */
final class StatusTables {

    private static final String REACHABLE = "the director answered `GET /info` over verified TLS and accepted the "
            + "operator's credentials";
    private static final String HEALTHY = "the director's API answers (False only after `unreachableAfterSeconds`)";

    private static final Map<ConditionType, String> MEANS = new EnumMap<>(Map.ofEntries(
            Map.entry(ConditionType.READY, "the pair looks after itself: every condition below is good"),
            Map.entry(ConditionType.SPEC_VALID, "the spec and every Secret and ConfigMap it references are usable"),
            Map.entry(ConditionType.PRIMARY_REACHABLE, REACHABLE),
            Map.entry(ConditionType.META_REACHABLE, REACHABLE),
            Map.entry(ConditionType.MICRO_REACHABLE, REACHABLE),
            Map.entry(ConditionType.PRIMARY_HEALTHY, HEALTHY),
            Map.entry(ConditionType.META_HEALTHY, HEALTHY),
            Map.entry(ConditionType.MUTUALLY_MANAGED, "Meta holds Primary's deployment, Primary holds Meta's, and "
                    + "each agent reports to the other"),
            Map.entry(ConditionType.RESURRECTION_ENABLED, "each director's health monitor would really resurrect "
                    + "the other"),
            Map.entry(ConditionType.SPLIT_BRAIN, "(bad) a director outside the pair holds one of its deployments"),
            Map.entry(ConditionType.BLOCKED, "(bad) the operator will not act until something changes; during a "
                    + "migration also with the reason of `Migrated` that refused or stopped it"),
            Map.entry(ConditionType.PAUSED, "the `binarybosh.io/paused` annotation stops every action"),
            Map.entry(ConditionType.MIGRATED, "(with a Micro declared) Meta took over from the Micro; False with "
                    + "the reason the migration is refused or stopped"),
            Map.entry(ConditionType.RECONCILED, "(present only while False) the last reconcile ended in an "
                    + "exception the operator did not expect")));

    private static final Map<OperationType, String> DOES = new EnumMap<>(Map.ofEntries(
            Map.entry(OperationType.REPAIR, "through the peer: scan the down director's deployment, `recreate_vm` "
                    + "its `missing_vm` or `unresponsive_agent` problem, verify it answers on the new VM with its "
                    + "deployments"),
            Map.entry(OperationType.DEPLOY, "deploys a `manifestRef` through the peer (Meta first, one at a time, "
                    + "only while both answer)"),
            Map.entry(OperationType.UNPAUSE_RESURRECTION, "`PUT /resurrection {\"resurrection_paused\": false}` on "
                    + "the director whose resurrection was paused"),
            Map.entry(OperationType.CANCEL_STUCK_TASK, "cancels a task that has held the down director's deployment "
                    + "for more than 30 minutes (only with `spec.health.cancelStuckTasks`)"),
            Map.entry(OperationType.FENCE_MICRO, "split brain: `monit stop all` on the Micro over ssh until every "
                    + "process is stopped, then its store moved aside (never deleted)"),
            Map.entry(OperationType.MIGRATION, "the bootstrap migration from the Micro to Meta "
                    + "([migration](migration.md)); the `Abort*` steps bring an aborted one back to the state "
                    + "before it; `status.migration` holds its record")));

    private StatusTables() {
    }

    /** One row per section of condition types: the types, what True means, the reasons they are written with. */
    static String conditions() {
        StringBuilder table = new StringBuilder("| type | True means | reasons |\n| --- | --- | --- |\n");
        for (ConditionType type : ConditionType.values()) {
            ReasonSection section = sectionOf(type);
            if (section.conditionTypes().get(0) != type) {
                continue;
            }
            String types = section.conditionTypes().stream().map(t -> "`" + t.wire() + "`")
                    .collect(Collectors.joining(", "));
            String reasons = Arrays.stream(Reason.values()).filter(r -> r.sections().contains(section))
                    .map(r -> "`" + r.wire() + "`").collect(Collectors.joining(", "));
            table.append("| ").append(types).append(" | ").append(means(type)).append(" | ").append(reasons)
                    .append(" |\n");
        }
        return table.toString();
    }

    /** One row per operation type: its steps in order and what it does. */
    static String operations() {
        StringBuilder table = new StringBuilder("| type | steps (`status.operation.step`) | what it does |\n"
                + "| --- | --- | --- |\n");
        for (OperationType type : OperationType.values()) {
            String steps = type.steps().stream()
                    .map(step -> "`" + step.wire() + "`" + (step.awaitsApproval() ? " (Manual)" : ""))
                    .collect(Collectors.joining(", "));
            String does = DOES.get(type);
            if (does == null) {
                throw new IllegalStateException("operation type " + type + " is not described");
            }
            table.append("| `").append(type.wire()).append("` | ").append(steps).append(" | ")
                    .append(does.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static ReasonSection sectionOf(ConditionType type) {
        return Arrays.stream(ReasonSection.values()).filter(s -> s.conditionTypes().contains(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("condition type " + type + " has no reasons"));
    }

    private static String means(ConditionType type) {
        String means = MEANS.get(type);
        if (means == null) {
            throw new IllegalStateException("condition type " + type + " is not described");
        }
        return means;
    }
}
