package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The desired pair: which directors, how resurrection should behave, how often to look. */
@ValidationRule(value = "self.primary.url != self.meta.url",
        message = "primary and meta must be different directors: their urls are equal", reason = "FieldValueInvalid")
@ValidationRule(value = "self.primary.deployment != self.meta.deployment",
        message = "primary and meta must have different deployment names", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.bootstrap) || !has(self.bootstrap.micro) "
        + "|| (self.bootstrap.micro.url != self.primary.url && self.bootstrap.micro.url != self.meta.url)",
        message = "bootstrap.micro must be a third director: its url equals primary's or meta's", reason = "FieldValueInvalid")
public class BinaryBoshPairSpec {

    @Required
    @JsonPropertyDescription("The director users deploy their workloads with. Deployed first by the bootstrap Micro, "
            + "then by Meta; it deploys Meta in turn.")
    private ManagedDirectorSpec primary;

    @Required
    @JsonPropertyDescription("The single-VM director whose only job is to manage (deploy, resurrect, upgrade) Primary. "
            + "Deployed by Primary.")
    private ManagedDirectorSpec meta;

    @JsonPropertyDescription("Present while Meta must take over Primary's deployment from a bootstrap director "
            + "(a Micro BOSH made with create-env). Remove it once the pair is migrated.")
    private BootstrapSpec bootstrap;

    @JsonPropertyDescription("The health monitor resurrection settings both directors must run with.")
    private ResurrectionSpec resurrection = new ResurrectionSpec();

    @JsonPropertyDescription("How often the operator looks at the directors and how long it waits before acting.")
    private HealthSpec health = new HealthSpec();

    @JsonPropertyDescription("Automatic runs destructive steps (store copy, VM recreation) as soon as they are due; "
            + "Manual waits for the approval annotation on the pair before each of them.")
    private ApprovalMode approval = ApprovalMode.Automatic;

    public ManagedDirectorSpec getPrimary() {
        return primary;
    }

    public void setPrimary(ManagedDirectorSpec primary) {
        this.primary = primary;
    }

    public ManagedDirectorSpec getMeta() {
        return meta;
    }

    public void setMeta(ManagedDirectorSpec meta) {
        this.meta = meta;
    }

    public BootstrapSpec getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(BootstrapSpec bootstrap) {
        this.bootstrap = bootstrap;
    }

    public ResurrectionSpec getResurrection() {
        return resurrection;
    }

    public void setResurrection(ResurrectionSpec resurrection) {
        this.resurrection = resurrection;
    }

    public HealthSpec getHealth() {
        return health;
    }

    public void setHealth(HealthSpec health) {
        this.health = health;
    }

    public ApprovalMode getApproval() {
        return approval;
    }

    public void setApproval(ApprovalMode approval) {
        this.approval = approval;
    }
}
