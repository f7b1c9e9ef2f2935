package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.fabric8.crdv2.generator.CRDGenerator;

import java.io.File;

/**
 * Build step (run by Maven in process-classes): writes the CRD of {@link BinaryBoshPair}, generated from the
 * model's annotations and finished by {@link CrdFinisher}. Not used at run time.
 */
public final class CrdWriter {

    private CrdWriter() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdWriter <output directory>");
        }
        File outputDirectory = new File(args[0]);
        if (!outputDirectory.isDirectory() && !outputDirectory.mkdirs()) {
            throw new IllegalStateException("cannot create " + outputDirectory);
        }
        int written = new CRDGenerator()
                .customResourceClasses(BinaryBoshPair.class)
                .forCRDVersions("v1")
                .withPostProcessor(new CrdFinisher(BinaryBoshPair.class))
                .inOutputDir(outputDirectory)
                .generate();
        if (written != 1) {
            throw new IllegalStateException("expected one CRD, generated " + written);
        }
    }
}
