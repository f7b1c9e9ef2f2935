package io.binarybosh.e2e.sim.director;

import java.util.List;
import java.util.Map;

/** The resolutions each problem handler offers, and its `auto_resolution` (what `null` selects). */
public record Resolution(String name, String plan) {

    public static final Map<String, List<Resolution>> BY_TYPE = Map.of(
            "unresponsive_agent", List.of(
                    new Resolution("ignore", "Skip for now"),
                    new Resolution("reboot_vm", "Reboot VM"),
                    new Resolution("recreate_vm_without_wait", "Recreate VM without waiting for processes to start"),
                    new Resolution("recreate_vm", "Recreate VM and wait for processes to start"),
                    new Resolution("delete_vm", "Delete VM"),
                    new Resolution("delete_vm_reference", "Delete VM reference (forceful; may need to manually delete VM from the Cloud to avoid IP conflicts)")),
            "missing_vm", List.of(
                    new Resolution("ignore", "Skip for now"),
                    new Resolution("recreate_vm_without_wait", "Recreate VM without waiting for processes to start"),
                    new Resolution("recreate_vm", "Recreate VM and wait for processes to start"),
                    new Resolution("delete_vm_reference", "Delete VM reference")));

    public static final Map<String, String> AUTO = Map.of(
            "unresponsive_agent", "ignore",
            "missing_vm", "recreate_vm_without_wait");

    public static String plan(String type, String name) {
        return BY_TYPE.getOrDefault(type, List.of()).stream().filter(r -> r.name().equals(name))
                .map(Resolution::plan).findFirst().orElse(name);
    }
}
