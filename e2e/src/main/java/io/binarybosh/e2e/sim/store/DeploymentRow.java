package io.binarybosh.e2e.sim.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

public record DeploymentRow(String name, String manifest, List<NameVersion> releases, List<NameVersion> stemcells,
                            List<InstanceRow> instances) {
    public DeploymentRow {
        releases = releases == null ? List.of() : List.copyOf(releases);
        stemcells = stemcells == null ? List.of() : List.copyOf(stemcells);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public Optional<InstanceRow> instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public DeploymentRow updateInstance(String id, UnaryOperator<InstanceRow> change) {
        List<InstanceRow> updated = new ArrayList<>();
        for (InstanceRow row : instances) {
            updated.add(row.id().equals(id) ? change.apply(row) : row);
        }
        return new DeploymentRow(name, manifest, releases, stemcells, updated);
    }

    public DeploymentRow withInstances(List<InstanceRow> value) {
        return new DeploymentRow(name, manifest, releases, stemcells, value);
    }

    public DeploymentRow withManifest(String text, List<NameVersion> rels, List<NameVersion> stems) {
        return new DeploymentRow(name, text, rels, stems, instances);
    }
}
