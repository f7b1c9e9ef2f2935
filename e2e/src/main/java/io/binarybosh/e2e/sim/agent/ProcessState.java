package io.binarybosh.e2e.sim.agent;

/** One monit process and its state (`running`, `failing`, `starting`, `unknown`, `not monitored`). */
public record ProcessState(String name, String state) {
}
