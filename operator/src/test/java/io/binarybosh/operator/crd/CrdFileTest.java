package io.binarybosh.operator.crd;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class CrdFileTest {

    @Test
    void committedCrdIsTheOneTheBuildGenerates() throws Exception {
        assertThat(CrdFiles.generated()).as("the build writes the CRD in process-classes").exists();
        assertThat(CrdFiles.committed()).exists();
        assertThat(Files.readString(CrdFiles.committed()))
                .as("crds/%s is stale: after changing the model run bin/update-crd and commit the result",
                        CrdFiles.FILE_NAME)
                .isEqualTo(Files.readString(CrdFiles.generated()));
    }
}
