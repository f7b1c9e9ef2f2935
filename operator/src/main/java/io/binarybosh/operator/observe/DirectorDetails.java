package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.model.Task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an answering director told beyond /info: whether resurrection is paused (null if unknown), its
 * deployments with their lock flags, its view of the deployment it manages, and (the Micro's) queued and processing
 * tasks of every deployment.
 */
public record DirectorDetails(Boolean resurrectionEnabled, Map<String, Boolean> deploymentsLocked,
                              ManagedDeploymentView managed, String error, List<Task> directorWideTasks) {

    public DirectorDetails {
        deploymentsLocked = deploymentsLocked == null ? Map.of() : Map.copyOf(deploymentsLocked);
        directorWideTasks = directorWideTasks == null ? null : List.copyOf(directorWideTasks);
    }

    /** Details without the director-wide task list (read of the Micro only). */
    public DirectorDetails(Boolean resurrectionEnabled, Map<String, Boolean> deploymentsLocked,
                           ManagedDeploymentView managed, String error) {
        this(resurrectionEnabled, deploymentsLocked, managed, error, null);
    }

    /** Queued and processing tasks of every deployment, when they were read (the Micro's, for the preflight). */
    public Optional<List<Task>> directorWideInFlight() {
        return Optional.ofNullable(directorWideTasks);
    }

    public boolean hasDeployment(String name) {
        return deploymentsLocked.containsKey(name);
    }

    public Optional<ManagedDeploymentView> managedView() {
        return Optional.ofNullable(managed);
    }
}
