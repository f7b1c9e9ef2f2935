package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the operator against the cluster of the current kubeconfig or service account, until SIGTERM.
 */
public final class Main {

    /** The common pool's least parallelism, unless the JVM options set one. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // With one or two CPUs the common pool has a parallelism of 1 or less, and CompletableFuture then runs every
        // async stage on a new thread: the JDK HTTP client of the Kubernetes API did so for every response (20,844
        // threads started in four minutes at 1,000 pairs, docs/benchmarks.md). Set before anything uses the pool.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        OperatorSettings settings = OperatorSettings.from(System.getenv(), args);
        settings.logFormat().apply();
        Logger log = LoggerFactory.getLogger(Main.class);
        KubernetesClient client = new KubernetesClientBuilder().build();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(meters);
        BuildInfo.register(meters);
        BinaryBoshOperator operator = new BinaryBoshOperator(client, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())),
                meters, Clock.systemUTC());
        HealthServer health = new HealthServer(settings.healthPort(), operator::isHealthy, operator::isStarted,
                meters::scrape);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: finishing reconciles in flight");
            operator.close();
            health.close();
            client.close();
            stopped.countDown();
        }, "shutdown"));
        log.info("starting: namespaces={} leaderElection={} healthPort={} logFormat={}",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
                settings.leaderElection(), health.port(), settings.logFormat().appender());
        operator.start();
        stopped.await();
    }
}
