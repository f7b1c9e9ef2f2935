package io.binarybosh.e2e.sim.director;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A director's configuration, rendered from the properties of the jobs on its VM (`director.*`, `hm.*`,
 * `nats.*`, `uaa.*`): it never comes from the store, so a copied store keeps its uuid but not its name.
 */
public record DirectorConfig(String name, String address, int port, boolean uaa, Map<String, String> secrets,
                             String certificatePem, String privateKeyPem, String caPem, String natsCaId,
                             String tokenSigningKey, boolean autoFixStatefulNodes, int workers, int maxTasks, HmConfig hm,
                             String version, String cpi, String stemcellOs, String stemcellVersion,
                             UaaConfig uaaServer, String configServerUrl, Map<String, String> defaultSshOptions) {

    public static final String DEFAULT_VERSION = "283.1.6 (00000000)";
    /** bosh-deployment uaa.yml: {@code uaa.url: https://((internal_ip)):8443}. */
    public static final int UAA_PORT = 8443;

    /**
     * The UAA job on the director's VM: its own process on its own port with its own certificate ({@code uaa_ssl},
     * signed by {@code default_ca} in bosh-deployment uaa.yml); the director advertises its URL in /info from
     * {@code director.user_management.uaa.urls}.
     */
    public record UaaConfig(String url, int port, String certificatePem, String privateKeyPem) {
    }

    public boolean configServerEnabled() {
        return configServerUrl != null;
    }

    public String url() {
        return "https://" + address + ":" + port;
    }

    public static DirectorConfig fromProperties(Map<String, Object> properties, String address,
                                                boolean healthMonitorJob) {
        return fromProperties(properties, properties, address, healthMonitorJob);
    }

    /**
     * {@code healthMonitorProperties} are the health_monitor job's own: on a real VM each job renders its templates
     * from its own properties (bosh {@code jobs/health_monitor/templates/health_monitor.yml.erb}).
     */
    @SuppressWarnings("unchecked")
    public static DirectorConfig fromProperties(Map<String, Object> properties,
                                                Map<String, Object> healthMonitorProperties, String address,
                                                boolean healthMonitorJob) {
        Props p = new Props(properties);
        boolean uaa = "uaa".equals(p.string("director.user_management.provider", "local"));
        Map<String, String> secrets = new LinkedHashMap<>();
        if (uaa) {
            p.map("uaa.clients").forEach((client, spec) ->
                    secrets.put(client, String.valueOf(((Map<String, Object>) spec).get("secret"))));
        } else {
            Object users = p.get("director.user_management.local.users");
            if (users instanceof List<?> list) {
                for (Object u : list) {
                    Map<String, Object> user = (Map<String, Object>) u;
                    secrets.put(String.valueOf(user.get("name")), String.valueOf(user.get("password")));
                }
            }
        }
        return new DirectorConfig(
                p.string("director.name", "bosh"),
                p.string("director.address", address),
                (int) p.number("director.port", 25555),
                uaa,
                secrets,
                p.string("director.ssl.cert", null),
                p.string("director.ssl.key", null),
                p.string("director.ssl.ca", p.string("hm.director_account.ca_cert", null)),
                // the NATS CA identifies which agents a director's NATS accepts; it follows the director's address
                // unless the manifest names one, so a redeploy that omits it keeps the same agents
                p.string("nats.tls.ca", "nats-ca-" + address),
                p.string("uaa.jwt.signing_key", "uaa-signing-key-" + address),
                p.bool("director.auto_fix_stateful_nodes", true),
                (int) p.number("director.workers", 3),
                (int) p.number("director.max_tasks", 2000),
                HmConfig.from(new Props(healthMonitorProperties), healthMonitorJob),
                p.string("director.simulated_version", DEFAULT_VERSION),
                p.string("director.cpi_job", "simulated_cpi"),
                p.string("director.stemcell_os", "ubuntu-noble"),
                p.string("director.stemcell_version", "1.484"),
                uaa ? uaaServer(p, address) : null,
                p.bool("director.config_server.enabled", false) ? p.string("director.config_server.url", "") : null,
                defaultSshOptions(p));
    }

    /**
     * bosh jobs/director/templates/director.yml.erb: {@code default_ssh_options} only when
     * {@code director.default_ssh_options.gateway_host} is set, with {@code gateway_user} (default {@code vcap},
     * jobs/director/spec); null otherwise, and then the ssh results carry no gateway fields at all.
     */
    private static Map<String, String> defaultSshOptions(Props p) {
        String host = p.string("director.default_ssh_options.gateway_host", null);
        if (host == null) {
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("gateway_host", host);
        options.put("gateway_user", p.string("director.default_ssh_options.gateway_user", "vcap"));
        return Map.copyOf(options);
    }

    private static UaaConfig uaaServer(Props p, String address) {
        Object urls = p.get("director.user_management.uaa.urls");
        String url = urls instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                : p.string("director.user_management.uaa.url", "https://" + address + ":" + UAA_PORT);
        int port = java.net.URI.create(url).getPort() > 0 ? java.net.URI.create(url).getPort() : 443;
        return new UaaConfig(url, port, p.string("uaa.sslCertificate", null), p.string("uaa.sslPrivateKey", null));
    }
}
