package io.binarybosh.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Two BOSH directors, Primary and Meta, each deployed and resurrected by the other.
 */
@Group(BinaryBoshPair.GROUP)
@Version(BinaryBoshPair.VERSION)
@ShortNames("bbp")
@Categories("bosh")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "What the pair is doing or how it stands, for display; conditions carry the truth")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Whether both directors manage each other")
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.operation.step",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "The step in flight of the operation in flight")
@AdditionalPrinterColumn(name = "Primary", jsonPath = ".status.primary.state",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "What the operator last saw of the Primary director")
@AdditionalPrinterColumn(name = "Meta", jsonPath = ".status.meta.state",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "What the operator last saw of the Meta director")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE,
        getDescription = "How long ago the pair was created")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", priority = 1,
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Why the pair is or is not Ready (kubectl get -o wide)")
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", priority = 1,
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "The Ready condition's message (kubectl get -o wide)")
public class BinaryBoshPair extends CustomResource<BinaryBoshPairSpec, BinaryBoshPairStatus> implements Namespaced {

    public static final String GROUP = "binarybosh.io";
    public static final String VERSION = "v1alpha1";
    /** Annotation that stops every action while observation goes on. */
    public static final String PAUSED_ANNOTATION = GROUP + "/paused";
    /** Annotation whose value, an operation id, approves that operation when approval is Manual. */
    public static final String APPROVE_ANNOTATION = GROUP + "/approve";
    /** Annotation whose value, a migration's id, brings that migration back to the state before it. */
    public static final String ABORT_ANNOTATION = GROUP + "/abort";
    /** Held while an operation may have changed a director, so that deleting the pair first aborts it safely. */
    public static final String FINALIZER = GROUP + "/operation-guard";

    @Override
    protected BinaryBoshPairStatus initStatus() {
        return new BinaryBoshPairStatus();
    }
}
