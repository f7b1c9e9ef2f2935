package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.DirectorRole;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One reconcile's view of the operation in flight: the pair as last written (so every write carries the current
 * resource version), the facts the decision used, and the ways to act and to record.
 */
public final class OperationContext {

    private BinaryBoshPair pair;
    private final PairFacts facts;
    private final StatusWriter writer;
    private final EventSink events;
    private final OperationDeps deps;

    public OperationContext(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events,
                            OperationDeps deps) {
        this.pair = pair;
        this.facts = facts;
        this.writer = writer;
        this.events = events;
        this.deps = deps;
    }

    public BinaryBoshPair pair() {
        return pair;
    }

    public OperationStatus operation() {
        return pair.getStatus() == null ? null : pair.getStatus().getOperation();
    }

    public MigrationStatus migration() {
        return pair.getStatus().getMigration();
    }

    public PairFacts facts() {
        return facts;
    }

    public EventSink events() {
        return events;
    }

    public ShellAccess shells() {
        return deps.shells();
    }

    public PairMetrics metrics() {
        return deps.metrics();
    }

    public Instant now() {
        return deps.clock().instant();
    }

    /** Writes a change of status (optimistic lock); what follows acts on the pair as written. */
    public BinaryBoshPair update(Consumer<BinaryBoshPairStatus> change) {
        events.awaitSent(pair);
        pair = writer.update(pair, change);
        return pair;
    }

    /** Tells the fault hook that the record of what the current step did is about to be written. */
    public void beforeRecord(String what) {
        OperationStatus operation = operation();
        // What was announced goes out before the record: a crash right after it loses no announcement.
        events.awaitSent(pair);
        deps.faults().before(FaultHook.record(operation == null ? what : operation.getStep()
                + (what == null ? "" : ":" + what)));
    }

    public DirectorClient client(DirectorRole role) {
        return deps.directors().client(pair, role).orElseThrow(() -> new DirectorException(
                role.displayName() + "'s client cannot be built from the spec and its Secrets"));
    }
}
