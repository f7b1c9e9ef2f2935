package io.binarybosh.e2e.sim.world;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.tls.HeldCertificate;

/**
 * The `default_ca` of a world: one CA, and one RSA server certificate per director address with the
 * address (and localhost) as SAN. RSA because the bosh CLI offers only ECDHE-RSA suites over TLS 1.2.
 */
public final class CertificateAuthority {
    private final HeldCertificate root;
    private final Map<String, HeldCertificate> issued = new ConcurrentHashMap<>();

    public CertificateAuthority(String commonName) {
        this.root = new HeldCertificate.Builder()
                .rsa2048()
                .certificateAuthority(0)
                .commonName(commonName)
                .organizationalUnit("binary-bosh-simulator")
                .duration(30, java.util.concurrent.TimeUnit.DAYS)
                .build();
    }

    public String caPem() {
        return root.certificatePem();
    }

    public HeldCertificate serverCertificate(String address) {
        return issued.computeIfAbsent(address, CertificateAuthority.this::issue);
    }

    /** The UAA's certificate on that address (bosh-deployment uaa.yml `uaa_ssl`): another key, the same CA. */
    public HeldCertificate uaaCertificate(String address) {
        return issued.computeIfAbsent("uaa " + address, k -> issue(address));
    }

    private HeldCertificate issue(String a) {
        return new HeldCertificate.Builder()
                .rsa2048()
                .signedBy(root)
                .commonName(a)
                .addSubjectAlternativeName(a)
                .addSubjectAlternativeName("localhost")
                .duration(30, java.util.concurrent.TimeUnit.DAYS)
                .build();
    }
}
