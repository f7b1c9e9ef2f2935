package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.reconcile.BinaryBoshPairReconciler;
import io.binarybosh.operator.shell.ReusedShells;
import io.binarybosh.operator.shell.ShellFactory;
import io.binarybosh.operator.shell.SshShell;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The operator, assembled: a JOSDK {@link Operator} running the pair reconciler with the given settings. Used by
 * {@link Main} and by tests that run the real thing against a test API server.
 */
public final class BinaryBoshOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryBoshOperator.class);
    /**
     * Reconciler threads, instead of JOSDK's 50: a reconcile computes and writes a status (events are written by a
     * thread of their own); only a pair's first one waits on its directors (its first observation), and an
     * operation's step on SSH. More threads at start-up only made a thousand status writes arrive at once, whose
     * watch events then piled up in the heap faster than the informer took them (docs/benchmarks.md).
     */
    static final int RECONCILE_THREADS = 16;

    private final Operator operator;
    private final BinaryBoshPairReconciler reconciler;
    private final ScheduledExecutorService pollingExecutor;
    private final ThreadPoolExecutor askExecutor;
    /** The logins kept for reuse, closed with the operator; null when shells are not reused. */
    private final ReusedShells ownShells;
    private volatile boolean closing;

    public BinaryBoshOperator(KubernetesClient client, OperatorSettings settings, DirectorClientFactory directors,
                              MeterRegistry meters, Clock clock) {
        this(client, settings, directors, new ReusedShells(SshShell.factory()), meters, clock);
    }

    /** @param shells how VMs are logged in to; a {@link ReusedShells} is closed with the operator (its kept logins) */
    public BinaryBoshOperator(KubernetesClient client, OperatorSettings settings, DirectorClientFactory directors,
                              ShellFactory shells, MeterRegistry meters, Clock clock) {
        ownShells = shells instanceof ReusedShells reused ? reused : null;
        pollingExecutor = PollingThreads.scheduled(settings.pollingThreads());
        askExecutor = PollingThreads.asking(settings.pollingThreads() + RECONCILE_THREADS);
        operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    // The test API server answers server-side apply with 415; status is written with update.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(RECONCILE_THREADS)
                    // Per-controller metrics only: per-resource series would grow with the number of pairs.
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meters));
            if (settings.leaderElection()) {
                overrider.withLeaderElectionConfiguration(leaderElection(settings));
            }
        });
        reconciler = new BinaryBoshPairReconciler(directors, shells, settings.directorTimeouts(), pollingExecutor,
                askExecutor, meters, clock);
        operator.register(reconciler, overrider -> {
            if (settings.watchNamespaces().isEmpty()) {
                overrider.watchingAllNamespaces();
            } else {
                overrider.settingNamespaces(settings.watchNamespaces());
            }
        });
    }

    /**
     * A replica that loses the Lease while running exits at once, so that two never act on the same directors;
     * one that gives the Lease up because it is closing does not (JOSDK would call System.exit from within the
     * JVM's shutdown hook, which never returns).
     */
    private LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> { }, () -> {
            if (!closing) {
                LOG.error("lost the Lease {}: exiting so that another replica takes over", settings.leaseName());
                System.exit(1);
            }
        }, leader -> { });
        return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace().orElse(null),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, callbacks, false);
    }

    public void start() {
        operator.start();
    }

    public boolean isStarted() {
        return operator.getRuntimeInfo().isStarted();
    }

    public boolean isHealthy() {
        return operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    /**
     * Waits, a bounded time, until every event recorded so far is written (events are written off the reconcile
     * threads): for tests that read events right after the status they follow.
     */
    public boolean flushEvents() {
        return reconciler.flushEvents();
    }

    /** Stops reconciling, then closes director connections and pollers. */
    @Override
    public void close() {
        closing = true;
        operator.stop();
        reconciler.close();
        if (ownShells != null) {
            ownShells.close();
        }
        pollingExecutor.shutdownNow();
        askExecutor.shutdownNow();
        try {
            pollingExecutor.awaitTermination(5, TimeUnit.SECONDS);
            askExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
