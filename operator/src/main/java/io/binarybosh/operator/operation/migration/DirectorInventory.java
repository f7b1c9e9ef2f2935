package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.Release;

import java.util.ArrayList;
import java.util.List;

/** What a director holds, as names the migration compares before and after the copy. */
final class DirectorInventory {

    private DirectorInventory() {
    }

    static List<String> deployments(DirectorClient client) {
        return client.deployments().stream().map(Deployment::name).sorted().toList();
    }

    static List<String> releases(DirectorClient client) {
        List<String> out = new ArrayList<>();
        for (Release release : client.releases()) {
            for (Release.Version version : release.releaseVersions()) {
                out.add(release.name() + "/" + version.version());
            }
        }
        return out.stream().sorted().toList();
    }

    static List<String> stemcells(DirectorClient client) {
        return client.stemcells().stream().map(s -> s.name() + "/" + s.version()).sorted().toList();
    }

    /** Adds to {@code problems} which of {@code expected} are not in {@code actual}. */
    static void missing(List<String> expected, List<String> actual, String what, List<String> problems) {
        if (expected == null) {
            return;
        }
        List<String> gone = expected.stream().filter(e -> !actual.contains(e)).toList();
        if (!gone.isEmpty()) {
            problems.add(what + " " + gone + " are missing");
        }
    }
}
