package io.binarybosh.operator.operation;

import io.binarybosh.operator.metrics.PairMetrics;

import java.time.Clock;

/** What every step handler reaches the world through: directors, shells, metrics and the time. */
public record OperationDeps(DirectorAccess directors, ShellAccess shells, PairMetrics metrics, Clock clock,
                            FaultHook faults) {

    public OperationDeps(DirectorAccess directors, ShellAccess shells, PairMetrics metrics, Clock clock) {
        this(directors, shells, metrics, clock, FaultHook.NONE);
    }
}
