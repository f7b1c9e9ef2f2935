package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.store.DirectorDb;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config server side of a director (bosh `dir/config_server/client.rb`, `config_server_helper.rb`): a relative
 * `((name))` resolves to `/<director name from its manifest>/<deployment>/<name>`; a deploy versions the names in
 * the deployment's new variable set; anything else that renders the deployment (a VM recreated by cloud check or a
 * job state change) finds them in that set, which is no longer writable, or fails with
 * `ConfigServerInconsistentVariableState` (540008). A director without a config server does none of this.
 */
final class VariableSets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([^()]+)\\)\\)");

    private final DirectorDb db;
    private final DirectorConfig config;

    VariableSets(DirectorDb db, DirectorConfig config) {
        this.db = db;
        this.config = config;
    }

    /** A deploy: a new, writable variable set holding every name the manifest uses. */
    void version(String deployment, String manifest) {
        if (!config.configServerEnabled()) {
            return;
        }
        List<String> names = new ArrayList<>(roots(deployment, manifest));
        db.write(t -> t.variableSets.put(deployment, names));
    }

    /** A render outside a deploy: every name must be in the deployment's current set. */
    void requireVersioned(String deployment, String manifest) {
        if (!config.configServerEnabled() || manifest == null) {
            return;
        }
        List<String> versioned = db.read(t -> t.variableSets.getOrDefault(deployment, List.of()));
        for (String name : roots(deployment, manifest)) {
            if (!versioned.contains(name)) {
                throw new DirectorError(540008, 500, "Expected variable '" + name
                        + "' to be already versioned in deployment '" + deployment + "'");
            }
        }
    }

    private LinkedHashSet<String> roots(String deployment, String manifest) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(manifest);
        while (m.find()) {
            String name = m.group(1).trim();
            name = name.startsWith("!") ? name.substring(1) : name;
            String full = name.startsWith("/") ? name : "/" + config.name() + "/" + deployment + "/" + name;
            int dot = full.indexOf('.');
            out.add(dot < 0 ? full : full.substring(0, dot));
        }
        return out;
    }
}
