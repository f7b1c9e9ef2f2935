package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsTest {
    @TempDir
    Path dir;

    private static int status(BoshHttp bosh, DirectorEndpoint e, Duration timeout) throws IOException {
        OkHttpClient client = bosh.client().newBuilder().callTimeout(timeout).build();
        try (Response r = client.newCall(new Request.Builder().url(e.url() + "/info").build()).execute()) {
            return r.code();
        }
    }

    static boolean listening(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void freezeFailSlowCutOffAndHeal() throws IOException {
        try (World world = TestWorlds.start(TestWorlds.ONE_DIRECTOR, dir)) {
            DirectorEndpoint e = world.endpoint("primary");
            BoshHttp bosh = new BoshHttp(e);
            assertThat(status(bosh, e, Duration.ofSeconds(5))).isEqualTo(200);

            world.faults().freeze("primary");
            assertThat(listening(e.address(), e.port())).isTrue();
            assertThatThrownBy(() -> status(bosh, e, Duration.ofMillis(500))).isInstanceOf(InterruptedIOException.class);

            world.faults().failWith500("primary");
            assertThat(status(bosh, e, Duration.ofSeconds(5))).isEqualTo(500);

            world.faults().slow("primary", Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThat(status(bosh, e, Duration.ofSeconds(5))).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            world.faults().cutOff("primary");
            assertThat(listening(e.address(), e.port())).isFalse();
            assertThatThrownBy(() -> status(bosh, e, Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);

            world.faults().heal("primary");
            assertThat(status(bosh, e, Duration.ofSeconds(5))).isEqualTo(200);
        }
    }

    @Test
    void closingTheWorldLeavesNothingListening() {
        World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        var endpoints = world.endpoints().values();
        endpoints.forEach(e -> assertThat(listening(e.address(), e.port())).isTrue());
        world.faults().freeze("meta");
        world.close();
        endpoints.forEach(e -> assertThat(listening(e.address(), e.port())).as(e.key()).isFalse());
        assertThat(world.iaas().vms()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("director-") || n.startsWith("hm-") || n.startsWith("world-") || n.startsWith("HTTP-Dispatcher"))
                .filter(n -> Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(n) && t.isAlive())))
                .isEmpty();
    }
}
