package io.binarybosh.operator.director.client;

/** An element of {@code GET /deployments/:d/variables} ({@code ctl/deployments_controller.rb}). */
record VariableWire(String id, String name) {
}
