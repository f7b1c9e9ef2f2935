package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Primary or Meta: a director that is itself a BOSH deployment of its peer. */
public class ManagedDirectorSpec extends DirectorConnectionSpec {

    public static final String DEPLOYMENT_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
    public static final String DEFAULT_STORE_PATH = "/var/vcap/store";

    @Required
    @Size(min = 1, max = 63)
    @Pattern(DEPLOYMENT_NAME_PATTERN)
    @JsonPropertyDescription("The name of this director's own deployment on the director that manages it "
            + "(e.g. bosh-primary on Micro, later on Meta; bosh-meta on Primary).")
    private String deployment;

    @JsonPropertyDescription("Optional ConfigMap key holding the desired manifest of this director's deployment; "
            + "drift is redeployed through the managing director.")
    private ConfigMapKeyRef manifestRef;

    @Pattern("^/[^\\s]*$")
    @JsonPropertyDescription("Absolute path of the director's persistent store on its VM, reached through the "
            + "managing director's ssh API. Defaults to /var/vcap/store.")
    private String storePath = DEFAULT_STORE_PATH;

    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(String deployment) {
        this.deployment = deployment;
    }

    public ConfigMapKeyRef getManifestRef() {
        return manifestRef;
    }

    public void setManifestRef(ConfigMapKeyRef manifestRef) {
        this.manifestRef = manifestRef;
    }

    public String getStorePath() {
        return storePath;
    }

    public void setStorePath(String storePath) {
        this.storePath = storePath;
    }
}
