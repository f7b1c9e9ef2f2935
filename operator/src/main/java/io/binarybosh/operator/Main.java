package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.HttpDirectorClientFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.from(System.getenv(), args);
        KubernetesClient client = new KubernetesClientBuilder().build();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        BinaryBoshOperator operator = new BinaryBoshOperator(client, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())),
                meters, Clock.systemUTC());
        HealthServer health = new HealthServer(settings.healthPort(), operator::isHealthy, operator::isStarted,
                meters::scrape);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing reconciles in flight");
            operator.close();
            health.close();
            client.close();
            stopped.countDown();
        }, "shutdown"));
        LOG.info("starting: namespaces={} leaderElection={} healthPort={}",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
                settings.leaderElection(), health.port());
        operator.start();
        stopped.await();
    }
}
