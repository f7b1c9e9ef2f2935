package io.binarybosh.operator.director;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A CA made for the tests and server certificates for 127.0.0.1/localhost, signed by it or by another CA. */
final class TestPki {

    static final TestPki INSTANCE = new TestPki();

    final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test-bosh-ca").build();
    final HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other-ca").build();
    final HeldCertificate server = serverCertificate(ca, "127.0.0.1", "localhost");
    final HeldCertificate serverOfOtherCa = serverCertificate(otherCa, "127.0.0.1", "localhost");
    final HeldCertificate serverForOtherName = serverCertificate(ca, "director.example.invalid");
    final HeldCertificate expiredServer = new HeldCertificate.Builder().commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1").signedBy(ca)
            .validityInterval(System.currentTimeMillis() - 7_200_000L, System.currentTimeMillis() - 3_600_000L).build();

    private TestPki() {
    }

    String caPem() {
        return ca.certificatePem();
    }

    HandshakeCertificates serverHandshake(HeldCertificate certificate, HeldCertificate signer) {
        return new HandshakeCertificates.Builder().heldCertificate(certificate, signer.certificate()).build();
    }

    private static HeldCertificate serverCertificate(HeldCertificate signer, String... names) {
        HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(names[0]).signedBy(signer);
        for (String name : names) {
            builder.addSubjectAlternativeName(name);
        }
        return builder.build();
    }
}
