package io.binarybosh.operator.observe;

import java.time.Instant;

/**
 * What the managing director knows of a managed director's VM from {@code instances?format=full}: whether its
 * agent answers the manager ({@code job_state} is {@code unresponsive agent} when not), and its VM and agent ids.
 * {@code vmCid} is null when the instance has no VM. {@code ignored}: the instance is ignored ({@code bosh ignore}),
 * so that scans, scan and fix and the resurrector skip it (bosh {@code problem_scanner/vm_scan_stage.rb},
 * {@code jobs/cloud_check/scan_and_fix.rb}).
 */
public record AgentView(String jobState, String vmCid, String agentId, Instant checkedAt, boolean ignored) {

    /** The view of an instance that is not ignored. */
    public AgentView(String jobState, String vmCid, String agentId, Instant checkedAt) {
        this(jobState, vmCid, agentId, checkedAt, false);
    }

    public static final String UNRESPONSIVE = "unresponsive agent";

    public boolean unresponsive() {
        return UNRESPONSIVE.equals(jobState);
    }

    public boolean vmMissing() {
        return vmCid == null;
    }

    /** Agent alive and reporting, but its jobs are not all running (e.g. after {@code monit stop all}). */
    public boolean failing() {
        return !unresponsive() && !vmMissing() && !"running".equals(jobState);
    }

    public boolean running() {
        return "running".equals(jobState);
    }
}
