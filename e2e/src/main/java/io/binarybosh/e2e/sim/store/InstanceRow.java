package io.binarybosh.e2e.sim.store;

import java.util.List;

/** An instance of a deployment; `vm` is null when it has no active VM. */
public record InstanceRow(String id, String group, int index, String az, String state, boolean ignore,
                          boolean bootstrap, ApplySpec spec, VmRef vm, String diskCid, List<String> ips) {
    public InstanceRow {
        ips = ips == null ? List.of() : List.copyOf(ips);
    }

    public boolean expectsVm() {
        return "started".equals(state) || "stopped".equals(state);
    }

    public InstanceRow withVm(VmRef newVm) {
        return new InstanceRow(id, group, index, az, state, ignore, bootstrap, spec, newVm, diskCid, ips);
    }

    public InstanceRow withIgnore(boolean value) {
        return new InstanceRow(id, group, index, az, state, value, bootstrap, spec, vm, diskCid, ips);
    }

    public InstanceRow withState(String value) {
        return new InstanceRow(id, group, index, az, value, ignore, bootstrap, spec, vm, diskCid, ips);
    }

    public InstanceRow withSpec(ApplySpec value) {
        return new InstanceRow(id, group, index, az, state, ignore, bootstrap, value, vm, diskCid, ips);
    }

    public InstanceRow withDisk(String value) {
        return new InstanceRow(id, group, index, az, state, ignore, bootstrap, spec, vm, value, ips);
    }

    public InstanceRow withIps(java.util.List<String> value) {
        return new InstanceRow(id, group, index, az, state, ignore, bootstrap, spec, vm, diskCid, value);
    }

    /** `Instance#to_s` of the real director. */
    public String describe() {
        return group + "/" + id + " (" + index + ")";
    }
}
