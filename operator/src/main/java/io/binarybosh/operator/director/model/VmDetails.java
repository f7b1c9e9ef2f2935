package io.binarybosh.operator.director.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One line of the result of {@code ?format=full} on {@code /instances} or {@code /vms}: the live state the
 * director got from the agent within 5 s. {@code jobState} is {@code unresponsive agent} (with null vitals
 * and no processes) when the agent did not answer.
 */
public record VmDetails(String vmCid, Boolean active, String vmCreatedAt, Map<String, Object> cloudProperties,
                        String diskCid, List<String> diskCids, List<String> ips, String agentId, String jobName,
                        Integer index, String jobState, String state, String vmType, Vitals vitals,
                        List<ProcessStatus> processes, String az, String id, Boolean bootstrap, Boolean ignore,
                        StemcellRef stemcell) {

    public static final String UNRESPONSIVE_AGENT = "unresponsive agent";

    public VmDetails {
        cloudProperties = cloudProperties == null ? Map.of() : cloudProperties;
        diskCids = diskCids == null ? List.of() : List.copyOf(diskCids);
        ips = ips == null ? List.of() : List.copyOf(ips);
        processes = processes == null ? List.of() : List.copyOf(processes);
    }

    public boolean isUnresponsive() {
        return UNRESPONSIVE_AGENT.equals(jobState);
    }

    /** The CLI's "running": the job state and every process are {@code running}. */
    public boolean isRunning() {
        return "running".equals(jobState) && processes.stream().allMatch(p -> "running".equals(p.state()));
    }

    public record ProcessStatus(String name, String state, Uptime uptime, ProcessMemory mem, ProcessCpu cpu) {
    }

    public record ProcessMemory(Long kb, Double percent) {
    }

    public record ProcessCpu(Double total) {
    }

    public record Uptime(Long secs) {
    }

    public record StemcellRef(String name, String version, Integer apiVersion) {
    }

    /** Agent vitals; the agent reports numbers as strings. */
    public record Vitals(Cpu cpu, Map<String, DiskUsage> disk, List<String> load, Memory mem, Memory swap,
                         Uptime uptime) {
    }

    public record Cpu(String sys, String user, @JsonProperty("wait") String ioWait) {
    }

    public record DiskUsage(String inodePercent, String percent) {
    }

    public record Memory(String kb, String percent) {
    }
}
