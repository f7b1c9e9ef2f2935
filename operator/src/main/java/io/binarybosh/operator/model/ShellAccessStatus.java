package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Temporary ssh access to one director VM for a migration. The host key is pinned; the private key is never stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShellAccessStatus {

    @JsonPropertyDescription("The director whose VM this is: primary, meta or micro.")
    private String role;

    @JsonPropertyDescription("The VM's address.")
    private String host;

    @JsonPropertyDescription("The ssh port.")
    private Integer port;

    @JsonPropertyDescription("The login user.")
    private String user;

    @JsonPropertyDescription("The VM's ssh host public key, as the managing director handed it over; pinned.")
    private String hostKey;

    @JsonPropertyDescription("The VM's CID as the managing director showed it when access was opened: another CID later means the VM was recreated.")
    private String vmCid;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getHostKey() {
        return hostKey;
    }

    public void setHostKey(String hostKey) {
        this.hostKey = hostKey;
    }

    public String getVmCid() {
        return vmCid;
    }

    public void setVmCid(String vmCid) {
        this.vmCid = vmCid;
    }
}
