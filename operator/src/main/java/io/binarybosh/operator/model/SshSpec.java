package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** SSH access to a VM with a pinned host key. */
public class SshSpec {

    @Required
    @Pattern("^(\\[?[0-9A-Fa-f:.]+\\]?|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$")
    @JsonPropertyDescription("Host name or IP address of the VM's sshd.")
    private String host;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port of the VM's sshd. Defaults to 22.")
    private Integer port = 22;

    @Required
    @Pattern("^[a-z_][a-z0-9_-]{0,31}$")
    @JsonPropertyDescription("The user to log in as, e.g. jumpbox; it needs sudo.")
    private String user;

    @Required
    @JsonPropertyDescription("The Secret key holding the user's private key (OpenSSH or PEM format). Key defaults to "
            + "ssh-privatekey, as in a kubernetes.io/ssh-auth Secret.")
    private SecretKeyRef privateKeySecretRef;

    @Required
    @JsonPropertyDescription("The Secret key holding the VM's public host key (a known_hosts line or "
            + "'<type> <base64>'). Connections whose host key differs are refused. Key defaults to known_hosts.")
    private SecretKeyRef hostKeySecretRef;

    @Pattern("^[^'\\n]+$")
    @JsonPropertyDescription("The user's authorized_keys file, relative to its home or absolute. The migration "
            + "authorizes its copy key there for the copy alone and removes it afterwards. Defaults to "
            + ".ssh/authorized_keys.")
    private String authorizedKeysFile = ".ssh/authorized_keys";

    public String getAuthorizedKeysFile() {
        return authorizedKeysFile;
    }

    public void setAuthorizedKeysFile(String authorizedKeysFile) {
        this.authorizedKeysFile = authorizedKeysFile;
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

    public SecretKeyRef getPrivateKeySecretRef() {
        return privateKeySecretRef;
    }

    public void setPrivateKeySecretRef(SecretKeyRef privateKeySecretRef) {
        this.privateKeySecretRef = privateKeySecretRef;
    }

    public SecretKeyRef getHostKeySecretRef() {
        return hostKeySecretRef;
    }

    public void setHostKeySecretRef(SecretKeyRef hostKeySecretRef) {
        this.hostKeySecretRef = hostKeySecretRef;
    }
}
