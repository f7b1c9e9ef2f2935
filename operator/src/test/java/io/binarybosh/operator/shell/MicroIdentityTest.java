package io.binarybosh.operator.shell;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.binarybosh.operator.shell.Scripts.sh;
import static org.assertj.core.api.Assertions.assertThat;

/** The Micro's identity read by /bin/sh from files laid out as the director job renders them. */
class MicroIdentityTest {

    @TempDir
    Path dir;

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("ca").build();
    private final HeldCertificate served = new HeldCertificate.Builder().signedBy(ca).commonName("10.0.0.6")
            .addSubjectAlternativeName("10.0.0.6").build();

    /** The leading keys and order of jobs/director/templates/director.yml.erb's JSON.dump, secrets further on. */
    private Path config(String name) throws Exception {
        Path file = dir.resolve("director.yml");
        Files.writeString(file, "{\"name\":\"" + name + "\",\"runtime\":{\"ip\":\"10.0.0.6\",\"instance\":"
                + "\"bosh/0f6c\"},\"port\":25556,\"max_tasks\":2000,\"max_threads\":32,\"mbus\":"
                + "\"nats://10.0.0.6:4222\",\"dir\":\"/var/vcap/store/director\",\"db\":{\"adapter\":\"postgres\","
                + "\"user\":\"postgres\",\"password\":\"s3cret-db\",\"host\":\"127.0.0.1\",\"port\":5432,"
                + "\"database\":\"bosh\"},\"blobstore\":{\"provider\":\"dav\",\"options\":{\"password\":\"s3cret-blob\"}}}");
        return file;
    }

    private Path pem() throws Exception {
        Path file = dir.resolve("director.pem");
        Files.writeString(file, served.certificatePem() + ca.certificatePem() + served.privateKeyPkcs8Pem());
        return file;
    }

    private String read(Path config, Path pem) throws Exception {
        return sh(MicroIdentity.command(new VmCommands(false), config.toString(), pem.toString())).out();
    }

    @Test
    void theNameAddressAndServedCertificateAreReadAndNoSecretLeavesTheVm() throws Exception {
        String output = read(config("micro-bosh"), pem());
        assertThat(output).doesNotContain("s3cret", "PRIVATE KEY", "nats://", "postgres");
        MicroIdentity identity = MicroIdentity.parse(output).orElseThrow();
        assertThat(identity).isEqualTo(new MicroIdentity("micro-bosh", "10.0.0.6", "bosh/0f6c", 25556,
                MicroIdentity.sha256(served.certificate())));
        assertThat(MicroIdentity.mismatch(output, "micro-bosh", MicroIdentity.sha256(served.certificate()))).isEmpty();
        assertThat(MicroIdentity.mismatch(output, "micro-bosh", null)).as("no certificate to compare").isEmpty();
    }

    @Test
    void anotherNameOrAnotherCertificateIsAnotherDirector() throws Exception {
        String output = read(config("meta-bosh"), pem());
        assertThat(MicroIdentity.mismatch(output, "micro-bosh", null)).hasValueSatisfying(m -> assertThat(m)
                .contains("runs director 'meta-bosh' (bosh/0f6c, 10.0.0.6)", "answers as 'micro-bosh'"));
        HeldCertificate other = new HeldCertificate.Builder().signedBy(ca).commonName("10.0.0.6").build();
        assertThat(MicroIdentity.mismatch(output, "meta-bosh", MicroIdentity.sha256(other.certificate())))
                .hasValueSatisfying(m -> assertThat(m).contains("another director of the same name"));
    }

    @Test
    void aVmWithoutADirectorJobOrWithAnUnknownFormIsNotProven() throws Exception {
        String none = read(dir.resolve("absent.yml"), dir.resolve("absent.pem"));
        assertThat(MicroIdentity.parse(none)).isEmpty();
        assertThat(MicroIdentity.mismatch(none, "micro-bosh", null)).hasValueSatisfying(m -> assertThat(m)
                .contains("runs no director job"));
        Path yaml = dir.resolve("old.yml");
        Files.writeString(yaml, "---\nname: micro-bosh\ndb:\n  password: s3cret-db\n");
        String old = read(yaml, pem());
        assertThat(old).doesNotContain("s3cret");
        assertThat(MicroIdentity.mismatch(old, "micro-bosh", null)).hasValueSatisfying(m -> assertThat(m)
                .contains("could not be read"));
    }
}
