package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.node.TextNode;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the annotations cannot say: printer columns in the order they are declared (the generator sorts them by
 * JSON path), the metav1 Condition schema with descriptions, required fields and map semantics (fabric8's
 * Condition carries none), the spec's defaults ({@link SchemaDefaults}) and the status words the operator writes
 * ({@link StatusVocabulary}).
 */
final class CrdFinisher implements CRDPostProcessor {

    private final List<String> declaredColumnOrder;

    CrdFinisher(Class<?> resourceClass) {
        this.declaredColumnOrder = Arrays.stream(resourceClass.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
    }

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
        CustomResourceDefinition crd = (CustomResourceDefinition) resource;
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            orderPrinterColumns(version);
            JSONSchemaProps status = version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
            if (status != null) {
                status.setDescription("Observed state of the pair, written only by the operator.");
                describeConditions(status.getProperties().get("conditions"));
                describeVocabulary(status);
            }
            version.getSchema().getOpenAPIV3Schema().setDescription(
                    "BinaryBoshPair declares two BOSH directors, Primary and Meta, that deploy and resurrect each "
                            + "other, and optionally the bootstrap Micro BOSH that Meta takes over from.");
            JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
            spec.setDescription("The desired pair. The operator never writes it.");
            SchemaDefaults.apply(spec, BinaryBoshPairSpec.class);
        }
        return crd;
    }

    private void orderPrinterColumns(CustomResourceDefinitionVersion version) {
        List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
        columns.sort(Comparator.comparingInt(column -> declaredColumnOrder.indexOf(column.getName())));
        version.setAdditionalPrinterColumns(columns);
    }

    /** The words the operator writes, from {@link StatusVocabulary}: no name the operator never writes. */
    private static void describeVocabulary(JSONSchemaProps status) {
        Map<String, JSONSchemaProps> fields = status.getProperties();
        fields.get("phase").setDescription("One word for display: " + StatusVocabulary.oneOf(StatusVocabulary.phases())
                + ". The conditions carry the truth.");
        fields.get("conditions").setDescription("Standard conditions, one of each type: "
                + String.join(", ", StatusVocabulary.conditionTypes()) + " (MicroReachable while a bootstrap Micro "
                + "is declared, Migrated while one is declared or a migration ran, Reconciled only while reconciles "
                + "fail).");
        fields.get("conditions").getItems().getSchema().getProperties().get("reason").setDescription(
                "CamelCase reason of the last transition, for machines: "
                        + StatusVocabulary.oneOf(StatusVocabulary.conditionReasons())
                        + ". docs/troubleshooting.md says what each means and what to do.");
        Map<String, JSONSchemaProps> operation = fields.get("operation").getProperties();
        operation.get("type").setDescription("What the operation does: "
                + StatusVocabulary.oneOf(StatusVocabulary.operationTypes()) + ".");
        operation.get("step").setDescription("The step in flight: "
                + StatusVocabulary.oneOf(StatusVocabulary.operationSteps()) + ".");
        Map<String, JSONSchemaProps> record = fields.get("history").getItems().getSchema().getProperties();
        record.get("type").setDescription("What the operation did: "
                + StatusVocabulary.oneOf(StatusVocabulary.operationTypes()) + ".");
        record.get("result").setDescription("How it ended: "
                + StatusVocabulary.oneOf(StatusVocabulary.operationResults()) + ".");
    }

    private static void describeConditions(JSONSchemaProps conditions) {
        if (conditions == null) {
            return;
        }
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        JSONSchemaProps item = conditions.getItems().getSchema();
        item.setDescription("A metav1-style condition.");
        item.setRequired(List.of("type", "status", "lastTransitionTime", "reason", "message"));
        Map<String, JSONSchemaProps> fields = item.getProperties();
        fields.get("type").setDescription("CamelCase kind of the condition, unique in the list.");
        fields.get("type").setMaxLength(316L);
        fields.put("status", new JSONSchemaPropsBuilder(fields.get("status"))
                .withDescription("True, False or Unknown.")
                .withEnum(List.of(TextNode.valueOf("True"), TextNode.valueOf("False"), TextNode.valueOf("Unknown")))
                .build());
        fields.get("reason").setDescription("CamelCase reason of the last transition, for machines.");
        fields.get("message").setDescription("What the reason means here, for people.");
        fields.get("lastTransitionTime").setDescription("When status last changed (RFC 3339).");
        fields.get("lastTransitionTime").setFormat("date-time");
        fields.get("observedGeneration").setDescription("The metadata.generation the condition was computed from.");
    }
}
