package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.shell.MicroIdentity;
import io.binarybosh.operator.shell.VmCommands;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A director VM in process mode shows, as the director job renders them, the files that say which director it
 * runs; the operator's identity check reads them over ssh and ties them to what the director's HTTPS endpoint
 * answers and serves.
 */
@ExtendWith(ProcessWorldLock.class)
class DirectorIdentityTest {

    @TempDir
    Path dir;

    @Test
    void theSshLoginProvesWhichDirectorItReachesAndNoSecretLeavesTheVm() throws Exception {
        try (World world = World.start(io.binarybosh.e2e.sim.world.WorldSpec.parse(ProcessWorlds.PAIR)
                .withNetwork(io.binarybosh.e2e.sim.TestWorlds.randomNetwork()), dir)) {
            Shell microVm = Shell.to(world.ssh("micro").orElseThrow(), dir.resolve("person"));
            Person.awaitAllRunning(microVm);
            String output = microVm.check(new VmCommands(true).microIdentity());
            assertThat(output).doesNotContain("password", "PRIVATE KEY");
            assertThat(microVm.run("cat " + MicroIdentity.CONFIG).exitCode()).as("root only").isNotZero();

            DirectorEndpoint micro = world.endpoint("micro");
            String infoName = new BoshHttp(micro).login().path("name").asText();
            String served = MicroIdentity.sha256(servedCertificate(micro));
            assertThat(MicroIdentity.parse(output)).as(output).isPresent();
            MicroIdentity identity = MicroIdentity.parse(output).orElseThrow();
            assertThat(identity.ip()).isEqualTo(world.directorVm("micro").orElseThrow().address());
            assertThat(identity.backendPort()).isEqualTo(25556);
            assertThat(MicroIdentity.mismatch(output, infoName, served)).isEmpty();

            DirectorEndpoint other = world.endpoint("primary");
            assertThat(MicroIdentity.mismatch(output, new BoshHttp(other).login().path("name").asText(),
                    MicroIdentity.sha256(servedCertificate(other)))).isPresent();
        }
    }

    /** The leaf certificate the director's HTTPS endpoint presents, verified against the world's CA. */
    private static X509Certificate servedCertificate(DirectorEndpoint endpoint) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(endpoint.caCert().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(endpoint.address(), endpoint.port())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
