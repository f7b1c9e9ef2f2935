package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.image.ContainerProcess;
import io.binarybosh.e2e.image.OciImage;
import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.e2e.kube.ProjectFiles;
import io.binarybosh.e2e.sim.TestWorlds;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image bin/image builds, started from its own file system as a container runtime starts it (its layers
 * unpacked, its entrypoint, user, working directory and environment, a read-only root): it becomes ready and
 * brings a pair of simulated directors to {@code MutuallyManaged} through the embedded Kubernetes API.
 */
class ImageStartsOperatorTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theOperatorStartsFromTheImageAsNonRootOnAReadOnlyRootAndReconciles() throws Exception {
        String layout = System.getProperty("operatorImage");
        assumeTrue(layout != null, "the image is assembled with -Pimage (bin/test and bin/image pass it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "mount and PID namespaces need root");
        OciImage image = OciImage.read(Path.of(layout));
        assertThat(image.config().user()).isEqualTo("65532:65532");
        assertThat(image.tag()).isEqualTo(chartAppVersion());
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        image.unpackInto(rootfs);

        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, Files.createDirectory(dir.resolve("world")));
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> { });
        int port = freePort();
        Map<String, String> environment = new HashMap<>(Map.of("KUBERNETES_MASTER", operator.apiUrl(),
                "HEALTH_PORT", Integer.toString(port), "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "2"));
        environment.putAll(KubectlCompatibleApiServer.clientEnvironment());

        try (ContainerProcess container = ContainerProcess.start(rootfs, image.config(), environment,
                dir.resolve("operator.log"))) {
            await().atMost(LONG).failFast(() -> !container.isAlive())
                    .until(() -> status(port, "/readyz") == 200);
            await().atMost(LONG).failFast(() -> !container.isAlive())
                    .until(() -> operator.is("Ready", "True") && "MutuallyManaged".equals(operator.phase()));

            ProcessHandle entrypoint = container.entrypoint().orElseThrow();
            // The host sees the command under the unpacked root.
            assertThat(entrypoint.info().command()).hasValue(rootfs.resolve("opt/java/bin/java").toString());
            String processStatus = Files.readString(proc(entrypoint, "status"));
            assertThat(processStatus).containsPattern("(?m)^Uid:\\s+65532\\s+65532\\s+65532\\s+65532$")
                    .containsPattern("(?m)^Gid:\\s+65532\\s+65532\\s+65532\\s+65532$")
                    .containsPattern("(?m)^Groups:\\s*$");
            // mountinfo: the fifth field is the mount point, the sixth the per-mount options.
            assertThat(Files.readAllLines(proc(entrypoint, "mountinfo"))).anySatisfy(line -> {
                String[] fields = line.split(" ");
                assertThat(fields[4]).isEqualTo("/");
                assertThat(fields[5]).startsWith("ro");
            });
            // Every series the chart's alerts and dashboard read, in the real operator's scrape (histograms, made
            // at the first detection or operation, are PairMetricsTest's).
            // The gauges are set just after the status is written: wait for the scrape that follows.
            java.util.Set<String> monitored = monitoredSeries();
            assertThat(monitored).isNotEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = body(port, "/metrics");
                assertThat(monitored).allSatisfy(series -> assertThat(scrape).containsPattern("(?m)^" + series + "[{ ]"));
                assertThat(scrape).containsPattern("(?m)^binarybosh_pair_ready\\{.*pair=\"bosh\".*} 1(\\.0)?$")
                        .containsPattern("(?m)^binarybosh_build_info\\{.*version=\"0\\.1\\.0-SNAPSHOT\".*} 1(\\.0)?$");
            });
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\noperator output:\n"
                    + Files.readString(dir.resolve("operator.log")), e);
        }
    }

    private static java.util.Set<String> monitoredSeries() throws IOException {
        Path chart = ProjectFiles.root().resolve("helm/binary-bosh-operator/files");
        String queries = Files.readString(chart.resolve("alerts.yaml")) + Files.readString(chart.resolve("dashboard.json"));
        java.util.Set<String> series = new java.util.TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\b(?:binarybosh|jvm|process)_[a-z_]+")
                .matcher(queries);
        while (matcher.find()) {
            if (!matcher.group().matches(".*_(bucket|count|sum)$")) {
                series.add(matcher.group());
            }
        }
        return series;
    }

    private static String chartAppVersion() throws IOException {
        return Files.readAllLines(ProjectFiles.root().resolve("helm/binary-bosh-operator/Chart.yaml")).stream()
                .filter(line -> line.startsWith("appVersion:")).findFirst().orElseThrow()
                .substring("appVersion:".length()).trim().replace("\"", "");
    }

    private static Path proc(ProcessHandle process, String file) {
        return Path.of("/proc", Long.toString(process.pid()), file);
    }

    private int status(int port, String path) {
        try {
            return http.send(request(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(int port, String path) throws IOException, InterruptedException {
        return http.send(request(port, path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
