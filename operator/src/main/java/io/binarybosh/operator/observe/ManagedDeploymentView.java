package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Task;

import java.util.List;
import java.util.Optional;

/**
 * What a director knows of the deployment it manages (Meta of Primary's, Primary of Meta's, Micro of
 * Primary's): whether it exists and is locked, its instances, its queued and processing tasks (all types), the
 * agent's liveness when checked, and the health monitor settings in its manifest (those of the managed
 * director). {@code error} says what could not be read. {@code manifest} is the deployed manifest, read at every poll
 * when a desired one is declared.
 */
public record ManagedDeploymentView(String deployment, boolean exists, boolean locked, List<Instance> instances,
                                    List<Task> inFlightTasks, AgentView agent, HealthMonitorSettings settings,
                                    String error, String manifest, ResurrectionConfigRules rules,
                                    List<String> variables) {

    public ManagedDeploymentView {
        instances = instances == null ? List.of() : List.copyOf(instances);
        inFlightTasks = inFlightTasks == null ? List.of() : List.copyOf(inFlightTasks);
    }

    /** A view whose director's resurrection configs were not read. */
    public ManagedDeploymentView(String deployment, boolean exists, boolean locked, List<Instance> instances,
                                 List<Task> inFlightTasks, AgentView agent, HealthMonitorSettings settings,
                                 String error, String manifest) {
        this(deployment, exists, locked, instances, inFlightTasks, agent, settings, error, manifest, null, null);
    }

    /** The resurrection rules and the variables read: a view of the deployment with all it says. */
    public ManagedDeploymentView(String deployment, boolean exists, boolean locked, List<Instance> instances,
                                 List<Task> inFlightTasks, AgentView agent, HealthMonitorSettings settings,
                                 String error, String manifest, ResurrectionConfigRules rules) {
        this(deployment, exists, locked, instances, inFlightTasks, agent, settings, error, manifest, rules, null);
    }

    /**
     * The tasks in flight that may change the deployment: all but agent checks ({@code retrieve vm-stats}, this
     * operator's or a person's {@code bosh instances --ps}), which hold no lock and change nothing.
     */
    public List<Task> changingTasks() {
        return inFlightTasks.stream()
                .filter(task -> !DirectorDetailsReader.AGENT_CHECK_TASK.equals(task.description())).toList();
    }

    /** The full names of the deployment's current variable set, when read (a director with a config server). */
    public Optional<List<String>> variableNames() {
        return Optional.ofNullable(variables);
    }

    /** The managing director's resurrection config rules, when they were read. */
    public Optional<ResurrectionConfigRules> resurrectionRules() {
        return Optional.ofNullable(rules);
    }

    /** A view without the manifest text: it is read only for deployments with a desired manifest. */
    public ManagedDeploymentView(String deployment, boolean exists, boolean locked, List<Instance> instances,
                                 List<Task> inFlightTasks, AgentView agent, HealthMonitorSettings settings,
                                 String error) {
        this(deployment, exists, locked, instances, inFlightTasks, agent, settings, error, null, null, null);
    }

    public Optional<String> deployedManifest() {
        return Optional.ofNullable(manifest);
    }

    public Optional<AgentView> agentView() {
        return Optional.ofNullable(agent);
    }

    public Optional<HealthMonitorSettings> healthMonitorSettings() {
        return Optional.ofNullable(settings);
    }

    /** The director's only instance, as a director deployment has one VM. */
    public Optional<Instance> instance() {
        return instances.stream().findFirst();
    }

    public boolean hasTask(String description) {
        return inFlightTasks.stream().anyMatch(t -> description.equals(t.description()));
    }

    public ManagedDeploymentView withVariables(List<String> names) {
        return new ManagedDeploymentView(deployment, exists, locked, instances, inFlightTasks, agent, settings, error,
                manifest, rules, names == null ? null : List.copyOf(names));
    }

    public ManagedDeploymentView withError(String more) {
        return new ManagedDeploymentView(deployment, exists, locked, instances, inFlightTasks, agent, settings,
                error == null ? more : error + "; " + more, manifest, rules, variables);
    }
}
