package io.binarybosh.operator.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which director the VM behind an ssh login runs, from the director job's rendered files: the {@code name} the
 * director's {@code /info} answers with, the VM's address and instance, and the SHA-256 of the certificate its
 * nginx serves. Read before anything is stopped, so that a pinned host key of another VM (an address reused by a
 * recreated VM, a Secret copied from another pair) is caught before the wrong machine's director is stopped.
 *
 * <p>cloudfoundry/bosh jobs/director/templates/director.yml.erb renders config/director.yml as one
 * {@code JSON.dump} line whose first keys are {@code name} (director.name), {@code runtime} ({@code ip}: spec.ip,
 * {@code instance}: job/id) and {@code port} (director.backend_port). The rest holds secrets (the database
 * password, blobstore and NATS credentials), so {@link #command} prints only that leading part, matched on the
 * VM. jobs/director/templates/nginx.conf.erb serves config/ssl/director.pem (director.pem.erb): its certificate
 * blocks are public and are printed; the key next to it never is. The director's UUID is in neither file (the
 * director keeps it in its database, director_attributes), and the VM's address may differ from the URL's behind a
 * NAT or a floating IP: the certificate is what ties the ssh login to the HTTPS endpoint.
 */
public record MicroIdentity(String name, String ip, String instance, int backendPort, String certificateSha256) {

    public static final String CONFIG = "/var/vcap/jobs/director/config/director.yml";
    public static final String CERTIFICATE = "/var/vcap/jobs/director/config/ssl/director.pem";
    static final String MISSING = "binarybosh-no-director-config";
    private static final String LEADING = "^{\"name\":\"[^\"\\\\]*\",\"runtime\":{\"ip\":\"[^\"\\\\]*\","
            + "\"instance\":\"[^\"\\\\]*\"},\"port\":[0-9]*";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Prints the leading part of the rendered config (see above), or {@value #MISSING} when there is none, then the
     * certificate blocks of the served certificate file.
     */
    static String command(VmCommands commands, String config, String certificate) {
        String f = VmCommands.quote(config);
        String c = VmCommands.quote(certificate);
        return commands.privileged("if [ -f " + f + " ]; then head -c 65536 " + f + " | grep -o "
                + VmCommands.quote(LEADING) + " | head -n 1; else echo " + MISSING + "; fi; [ -f " + c
                + " ] && sed -n '/^-----BEGIN CERTIFICATE-----/,/^-----END CERTIFICATE-----/p' " + c + "; true");
    }

    /** The identity in the command's output; empty when the VM has no director config or another form of it. */
    public static Optional<MicroIdentity> parse(String output) {
        String text = output == null ? "" : output.strip();
        String line = text.lines().findFirst().orElse("");
        if (!line.startsWith("{\"name\":")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line + "}");
            return Optional.of(new MicroIdentity(node.path("name").asText(), node.path("runtime").path("ip").asText(),
                    node.path("runtime").path("instance").asText(), node.path("port").asInt(), leafSha256(text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Lower-case hex SHA-256 of a certificate's DER encoding, as the served one is to be given to {@link #mismatch}. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String leafSha256(String text) {
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin < 0) {
            return null;
        }
        try {
            var certificate = CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(text.substring(begin).getBytes(StandardCharsets.US_ASCII)));
            return sha256((X509Certificate) certificate);
        } catch (CertificateException e) {
            return null;
        }
    }

    /**
     * Why the VM behind the ssh login is not the director answering on the Micro's URL, or empty when it is: the
     * names must be equal and, when {@code servedCertificateSha256} is given, the certificate the VM's director
     * serves must be the one the operator's HTTPS connection was shown.
     *
     * @param output                  what {@link VmCommands#microIdentity} printed on the VM
     * @param infoName                {@code name} in the director's {@code /info}
     * @param servedCertificateSha256 {@link #sha256} of the leaf certificate of the HTTPS connection, or null
     */
    public static Optional<String> mismatch(String output, String infoName, String servedCertificateSha256) {
        Optional<MicroIdentity> onVm = parse(output);
        if (onVm.isEmpty()) {
            return Optional.of(output != null && output.strip().startsWith(MISSING)
                    ? "the VM reached over ssh has no " + CONFIG + ": it runs no director job"
                    : "the director config " + CONFIG + " on the VM reached over ssh could not be read");
        }
        return onVm.get().mismatch(infoName, servedCertificateSha256);
    }

    /** As {@link #mismatch(String, String, String)}, for an identity already read. */
    public Optional<String> mismatch(String infoName, String servedCertificateSha256) {
        if (!name.equals(infoName)) {
            return Optional.of("the VM reached over ssh runs director '" + name + "' (" + instance + ", " + ip
                    + "), but the Micro's API answers as '" + infoName + "'");
        }
        if (servedCertificateSha256 != null && !servedCertificateSha256.equalsIgnoreCase(
                String.valueOf(certificateSha256))) {
            return Optional.of("the VM reached over ssh runs director '" + name + "' (" + instance + ", " + ip
                    + ") with " + (certificateSha256 == null ? "no readable certificate in " + CERTIFICATE
                    : "certificate sha256 " + certificateSha256) + ", but the Micro's API serves certificate sha256 "
                    + servedCertificateSha256 + ": another director of the same name");
        }
        return Optional.empty();
    }
}
