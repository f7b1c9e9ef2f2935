package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

import java.util.Objects;

/**
 * How the migration logs into the director VMs. Primary's and Meta's VMs are reached as `bosh ssh` does: an
 * ephemeral user with a fresh key, created through the managing director, which hands over the VM's host key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VmAccessSpec {

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port of sshd on Primary's and Meta's VMs. Defaults to 22.")
    private Integer sshPort = 22;

    @Pattern("^[a-z_][a-z0-9_-]{0,31}$")
    @JsonPropertyDescription("Log into Primary's and Meta's VMs as this user instead of the ephemeral user the "
            + "director creates (as bosh ssh does). Only for VMs whose sshd maps every key to one account, such as "
            + "the simulated world's (root).")
    private String loginUser;

    @JsonPropertyDescription("Run commands on the director VMs (all three) with sudo -n, as the ephemeral and "
            + "jumpbox users need. Defaults to true; false where the login user is root.")
    private Boolean sudo = true;

    public Integer getSshPort() {
        return sshPort;
    }

    public void setSshPort(Integer sshPort) {
        this.sshPort = sshPort;
    }

    public String getLoginUser() {
        return loginUser;
    }

    public void setLoginUser(String loginUser) {
        this.loginUser = loginUser;
    }

    public Boolean getSudo() {
        return sudo;
    }

    public void setSudo(Boolean sudo) {
        this.sudo = sudo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VmAccessSpec that)) {
            return false;
        }
        return Objects.equals(sshPort, that.sshPort) && Objects.equals(loginUser, that.loginUser)
                && Objects.equals(sudo, that.sudo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sshPort, loginUser, sudo);
    }
}
