package io.binarybosh.operator.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestSettingsReaderTest {

    private final ManifestSettingsReader reader = new ManifestSettingsReader();

    @Test
    void boshDeploymentStylePropertiesOnTheInstanceGroup() {
        String manifest = """
                name: bosh-meta
                instance_groups:
                - name: bosh
                  instances: 1
                  jobs:
                  - {name: director, release: bosh}
                  - {name: health_monitor, release: bosh}
                  properties:
                    director: {auto_fix_stateful_nodes: true}
                    hm:
                      resurrector_enabled: true
                      resurrector: {minimum_down_jobs: 5, percent_threshold: 0.2, time_threshold: 600}
                """;
        assertThat(reader.read(manifest)).contains(new HealthMonitorSettings(true, 5, 0.2, 600, true));
    }

    @Test
    void aJobWithAPropertiesKeyGetsOnlyThatHash() {
        // bosh instance_group_spec_parser.rb: safe_property(job_spec, 'properties', default: group+global merged)
        String manifest = """
                name: bosh-meta
                instance_groups:
                - name: bosh
                  properties:
                    director: {auto_fix_stateful_nodes: true}
                    hm: {resurrector_enabled: true}
                  jobs:
                  - {name: director}
                  - name: health_monitor
                    properties:
                      hm: {resurrector: {time_threshold: 600}}
                """;
        HealthMonitorSettings settings = reader.read(manifest).orElseThrow();
        assertThat(settings.resurrectorEnabled()).as("not taken from the group: the job has its own properties")
                .isNull();
        assertThat(settings.resurrectorOn()).isFalse();
        assertThat(settings.timeThresholdSeconds()).isEqualTo(600);
        assertThat(settings.autoFixStatefulNodes()).as("the director job has no properties key").isTrue();
    }

    @Test
    void globalAndGroupPropertiesAreDeepMerged() {
        String manifest = """
                name: bosh-meta
                properties:
                  hm:
                    resurrector_enabled: false
                    resurrector: {percent_threshold: 0.5, minimum_down_jobs: 7}
                instance_groups:
                - name: bosh
                  properties:
                    hm:
                      resurrector_enabled: true
                      resurrector: {minimum_down_jobs: 1}
                  jobs: [{name: health_monitor}, {name: director}]
                """;
        HealthMonitorSettings settings = reader.read(manifest).orElseThrow();
        assertThat(settings.resurrectorEnabled()).isTrue();
        assertThat(settings.minimumDownJobs()).isEqualTo(1);
        assertThat(settings.percentThreshold()).isEqualTo(0.5);
    }

    @Test
    void jobPropertiesWinOverGroupAndGlobalOnes() {
        String manifest = """
                name: bosh-primary
                properties:
                  hm: {resurrector_enabled: true}
                instance_groups:
                - name: bosh
                  properties:
                    hm: {resurrector: {minimum_down_jobs: 3}}
                  jobs:
                  - name: health_monitor
                    properties:
                      hm: {resurrector_enabled: false}
                  - name: director
                    properties:
                      director: {auto_fix_stateful_nodes: false}
                """;
        HealthMonitorSettings settings = reader.read(manifest).orElseThrow();
        assertThat(settings.resurrectorEnabled()).isFalse();
        assertThat(settings.minimumDownJobs()).as("the group's value does not reach a job with properties").isNull();
        assertThat(settings.autoFixStatefulNodes()).isFalse();
        assertThat(settings.blockers()).hasSize(2);
    }

    @Test
    void absentPropertiesTakeTheJobDefaults() {
        String manifest = """
                name: bosh-meta
                instance_groups:
                - name: bosh
                  jobs: [{name: health_monitor}, {name: director}]
                """;
        HealthMonitorSettings settings = reader.read(manifest).orElseThrow();
        assertThat(settings.resurrectorOn()).isFalse();
        assertThat(settings.fixesStatefulNodes()).isTrue();
        assertThat(settings.oneVmDeploymentMeltsDown()).isFalse();
        assertThat(settings.blockers()).singleElement().asString().contains("job default is false");
    }

    @Test
    void interpolatedOrMissingValuesAreUnknown() {
        assertThat(reader.read("instance_groups: [{name: x, jobs: [{name: nginx}]}]")).isEmpty();
        assertThat(reader.read("not: [valid")).isEmpty();
        assertThat(reader.read("")).isEmpty();
        String manifest = """
                instance_groups:
                - name: bosh
                  jobs: [{name: health_monitor}]
                  properties: {hm: {resurrector_enabled: ((resurrector)), resurrector: {minimum_down_jobs: ((n))}}}
                """;
        HealthMonitorSettings settings = reader.read(manifest).orElseThrow();
        assertThat(settings.resurrectorEnabled()).isNull();
        assertThat(settings.minimumDownJobs()).isNull();
    }
}
