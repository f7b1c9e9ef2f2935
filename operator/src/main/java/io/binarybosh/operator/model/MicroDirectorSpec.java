package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Micro BOSH: a director no other director manages, reached by ssh directly. */
public class MicroDirectorSpec extends DirectorConnectionSpec {

    @Required
    @JsonPropertyDescription("SSH access to the Micro's VM (the jumpbox user of create-env), used to stop its "
            + "processes and copy its store.")
    private SshSpec ssh;

    @Pattern("^/[^\\s]*$")
    @JsonPropertyDescription("Absolute path of the Micro's persistent store on its VM: stopped and moved aside (never "
            + "deleted) when the Micro is fenced. Defaults to /var/vcap/store.")
    private String storePath = ManagedDirectorSpec.DEFAULT_STORE_PATH;

    public String getStorePath() {
        return storePath;
    }

    public void setStorePath(String storePath) {
        this.storePath = storePath;
    }

    public SshSpec getSsh() {
        return ssh;
    }

    public void setSsh(SshSpec ssh) {
        this.ssh = ssh;
    }
}
