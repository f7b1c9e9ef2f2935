package io.binarybosh.operator.director.model;

import java.util.List;
import java.util.Objects;

/** Which instances {@code POST /deployments/:d/ssh} acts on; an empty list means every instance of the group. */
public record SshTarget(String instanceGroup, List<String> indexesOrIds) {

    public SshTarget {
        Objects.requireNonNull(instanceGroup, "instanceGroup");
        indexesOrIds = List.copyOf(Objects.requireNonNull(indexesOrIds, "indexesOrIds"));
    }

    public static SshTarget instance(String instanceGroup, String indexOrId) {
        return new SshTarget(instanceGroup, List.of(indexOrId));
    }
}
