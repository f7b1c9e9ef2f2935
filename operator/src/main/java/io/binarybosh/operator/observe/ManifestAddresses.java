package io.binarybosh.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds DNS settings of a manifest that name given addresses: any value under a key that speaks of DNS (networks'
 * {@code dns}, {@code dns.recursor}, bosh-dns {@code recursors}, {@code nameservers}, ...). The lesson of the
 * original Binary BOSH: a director whose DNS points at the retired Micro waits seconds on every lookup.
 */
public final class ManifestAddresses {

    private ManifestAddresses() {
    }

    /** The paths (e.g. {@code networks[0].subnets[0].dns[0]}) of DNS values that contain one of the addresses. */
    public static List<String> dnsSettingsNaming(String manifest, Collection<String> addresses) {
        List<String> found = new ArrayList<>();
        Manifests.tree(manifest).ifPresent(root -> walk(root, "", false, addresses, found));
        return found;
    }

    private static void walk(JsonNode node, String path, boolean underDns, Collection<String> addresses,
                             List<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean dns = underDns || isDnsKey(field.getKey());
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), dns, addresses,
                        found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", underDns, addresses, found);
            }
        } else if (underDns && node.isValueNode()) {
            String value = node.asText();
            for (String address : addresses) {
                if (address != null && !address.isBlank() && names(value, address)) {
                    found.add(path + " (" + value + ")");
                    break;
                }
            }
        }
    }

    private static boolean isDnsKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("dns") || k.contains("recursor") || k.contains("nameserver") || k.equals("dns_servers");
    }

    /** The address as a whole token: 10.0.0.1 is not named by 10.0.0.10. */
    private static boolean names(String value, String address) {
        int at = value.indexOf(address);
        while (at >= 0) {
            int end = at + address.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(value.charAt(at - 1)) && value.charAt(at - 1) != '.';
            boolean endOk = end == value.length() || !Character.isLetterOrDigit(value.charAt(end))
                    && value.charAt(end) != '.';
            if (startOk && endOk) {
                return true;
            }
            at = value.indexOf(address, at + 1);
        }
        return false;
    }
}
