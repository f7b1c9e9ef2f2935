package io.binarybosh.operator.observe;

import java.util.Map;
import java.util.Optional;

/**
 * What an answering director told beyond /info: whether resurrection is paused (null if unknown), its
 * deployments with their lock flags, and its view of the deployment it manages.
 */
public record DirectorDetails(Boolean resurrectionEnabled, Map<String, Boolean> deploymentsLocked,
                              ManagedDeploymentView managed, String error) {

    public DirectorDetails {
        deploymentsLocked = deploymentsLocked == null ? Map.of() : Map.copyOf(deploymentsLocked);
    }

    public boolean hasDeployment(String name) {
        return deploymentsLocked.containsKey(name);
    }

    public Optional<ManagedDeploymentView> managedView() {
        return Optional.ofNullable(managed);
    }
}
