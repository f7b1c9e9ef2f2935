package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.e2e.kube.KubectlResult;
import io.binarybosh.operator.BinaryBoshOperator;
import io.binarybosh.operator.OperatorSettings;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The embedded Kubernetes API, real kubectl against it, and the operator watching it. */
final class DemoCluster implements AutoCloseable {

    private final KubectlCompatibleApiServer api;
    private final KubernetesClient client;
    private final Kubectl kubectl;
    private BinaryBoshOperator operator;

    private DemoCluster(KubectlCompatibleApiServer api, Kubectl kubectl) {
        this.api = api;
        this.client = api.client();
        this.kubectl = kubectl;
    }

    static DemoCluster start(Path kubectlBinary) {
        KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start();
        return new DemoCluster(api, new Kubectl(kubectlBinary, api.kubeconfig(), Duration.ofSeconds(30)));
    }

    Path kubeconfig() {
        return api.kubeconfig();
    }

    /** {@code kubectl apply --validate=false -f file}: the embedded API serves no OpenAPI schema to validate with. */
    KubectlResult apply(Path file) {
        return kubectl.run("apply", "--validate=false", "-f", file.toString()).orThrow();
    }

    void startOperator() {
        OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "2", "DIRECTOR_READ_TIMEOUT_SECONDS", "5",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "10"), new String[0]);
        operator = new BinaryBoshOperator(client, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())),
                new SimpleMeterRegistry(), Clock.systemUTC());
        operator.start();
    }

    BinaryBoshPair pair(String namespace, String name) {
        return client.resources(BinaryBoshPair.class).inNamespace(namespace).withName(name).get();
    }

    List<Event> events(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    /** The operator first, so that it acts on nothing while the rest goes away. */
    @Override
    public void close() {
        if (operator != null) {
            operator.close();
        }
        client.close();
        api.close();
    }
}
