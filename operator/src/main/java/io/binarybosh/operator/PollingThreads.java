package io.binarybosh.operator;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that poll directors: at most {@code POLLING_THREADS} of each kind, started when polls are due and
 * ended after {@value #IDLE_SECONDS} s without work, so that a start-up, when every pair's first poll is due at
 * once and waits on its agent checks, gets them all while the steady state keeps only the few it uses.
 */
final class PollingThreads {

    static final long IDLE_SECONDS = 30;

    private PollingThreads() {
    }

    /** Runs each pair's polls and asks its Primary (and Micro). */
    static ScheduledThreadPoolExecutor scheduled(int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, named("director-poll"));
        executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Asks a pair's Meta while another thread asks its Primary: one thread at most per thread that observes, that is
     * per polling thread and per reconciler thread (a pair's first observation is made by its first reconcile).
     */
    static ThreadPoolExecutor asking(int observingThreads) {
        int threads = observingThreads;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("director-ask"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
