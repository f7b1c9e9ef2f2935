package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The bootstrap director Meta takes over from. */
public class BootstrapSpec {

    @Required
    @JsonPropertyDescription("The Micro BOSH (made with create-env) that deployed Primary. Nothing manages it, so "
            + "shell access to its VM is given here.")
    private MicroDirectorSpec micro;

    @JsonPropertyDescription("How the migration logs into the director VMs: port, user, sudo. Defaults suit a "
            + "bosh-deployment director (port 22, the ephemeral bosh ssh user, sudo).")
    private VmAccessSpec vmAccess;

    public VmAccessSpec getVmAccess() {
        return vmAccess;
    }

    public void setVmAccess(VmAccessSpec vmAccess) {
        this.vmAccess = vmAccess;
    }

    public MicroDirectorSpec getMicro() {
        return micro;
    }

    public void setMicro(MicroDirectorSpec micro) {
        this.micro = micro;
    }
}
