package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Lock;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskOutputChunk;
import io.binarybosh.operator.director.model.TaskOutputType;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.director.model.Vm;
import io.binarybosh.operator.director.model.VmDetails;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every director call: the exact request the client sends, and the typed answer it reads. */
class DirectorClientCallsTest {

    private static final ContextId CONTEXT = ContextId.of("binarybosh-pair-a-recreate-1");
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + DirectorFixture.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private DirectorFixture director;
    private HttpDirectorClient client;

    @BeforeEach
    void start() {
        director = new DirectorFixture();
        client = director.basicClient();
    }

    @AfterEach
    void stop() {
        director.close();
    }

    @Test
    void anonymousInfoCarriesNoCredentials() {
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        DirectorInfo info = client.info();

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/info");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(info).isEqualTo(new DirectorInfo("meta-bosh", "2daf673a-9755-4b4f-aa6d-3632fbed8012",
                "283.1.6 (00000000)", null, "aws_cpi", new UserAuthentication("basic", null, List.of())));
    }

    @Test
    void authenticatedInfoSendsBasicCredentialsAndReturnsTheUser() {
        director.enqueueJson(200, DirectorFixture.BASIC_INFO.replace("\"user\":null", "\"user\":\"admin\""));

        DirectorInfo info = client.authenticatedInfo();

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/info");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
        assertThat(info.user()).isEqualTo("admin");
    }

    @Test
    void deploymentsWithExcludeFlags() {
        director.enqueueJson(200, """
                [{"name":"primary-bosh","teams":[],"locked":false}]""");

        List<Deployment> deployments = client.deployments(DeploymentsQuery.namesAndLocks());

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/deployments");
        assertQuery(request, Map.of("exclude_configs", "true", "exclude_releases", "true",
                "exclude_stemcells", "true"));
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
        assertThat(deployments).containsExactly(
                new Deployment("primary-bosh", List.of(), null, List.of(), List.of(), false));
    }

    @Test
    void deploymentsInFull() {
        director.enqueueJson(200, """
                [{"name":"primary-bosh","teams":[],"cloud_config":"latest",
                  "stemcells":[{"name":"bosh-aws-xen-hvm-ubuntu-noble","version":"1.484"}],
                  "releases":[{"name":"bosh","version":"283.1.6"},{"name":"bpm","version":"1.4.38"}],
                  "locked":true}]""");

        Deployment deployment = client.deployments(DeploymentsQuery.full()).get(0);

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/deployments");
        assertThat(request.getUrl().querySize()).isZero();
        assertThat(deployment.cloudConfig()).isEqualTo("latest");
        assertThat(deployment.isLocked()).isTrue();
        assertThat(deployment.stemcells()).extracting("version").containsExactly("1.484");
        assertThat(deployment.releases()).extracting("name").containsExactly("bosh", "bpm");
    }

    @Test
    void excludeLockFlag() {
        director.enqueueJson(200, "[{\"name\":\"d\"}]");

        Deployment deployment = client.deployments(new DeploymentsQuery(false, false, false, true)).get(0);

        assertQuery(director.take(), Map.of("exclude_lock", "true"));
        assertThat(deployment.locked()).isNull();
        assertThat(deployment.isLocked()).isFalse();
    }

    @Test
    void manifestOfADeployment() {
        director.enqueueJson(200, "{\"manifest\":\"name: primary-bosh\\ninstance_groups: []\\n\"}");

        String manifest = client.manifest("primary-bosh");

        assertRequest(director.take(), "GET", "/deployments/primary-bosh");
        assertThat(manifest).isEqualTo("name: primary-bosh\ninstance_groups: []\n");
    }

    @Test
    void deploySendsTheManifestAsTextYamlAndReadsTheTaskFromA302() {
        String manifest = "name: primary-bosh\nreleases: []\n";
        director.enqueueTaskRedirect(302, 1180);

        long taskId = client.deploy(manifest, new DeployOptions(true, true, true), CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "POST", "/deployments");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/yaml");
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
        assertThat(request.getBody().utf8()).isEqualTo(manifest);
        assertQuery(request, Map.of("dry_run", "true", "fix", "true", "recreate", "true"));
        assertThat(taskId).isEqualTo(1180);
        assertThat(director.requestCount()).as("the redirect is not followed").isEqualTo(3);
    }

    @Test
    void deployWithoutFlagsAndA303() {
        director.enqueueTaskRedirect(303, 7);

        long taskId = client.deploy("name: d\n", DeployOptions.defaults(), CONTEXT);

        assertThat(director.take().getUrl().querySize()).isZero();
        assertThat(taskId).isEqualTo(7);
    }

    @Test
    void relativeLocationIsReadToo() {
        director.enqueue(new MockResponse(302, Headers.of("Location", "/tasks/42"), ""));

        assertThat(client.scan("primary-bosh", CONTEXT)).isEqualTo(42);
    }

    @Test
    void instances() {
        director.enqueueJson(200, """
                [{"agent_id":"c5e7c705-1","cid":"i-0abc","job":"bosh","index":0,
                  "id":"209b96c8-e482-43c7-9f3e-04de9f93c535","az":"z1","ips":["10.0.1.6"],
                  "vm_created_at":"2026-08-01T10:00:00Z","expects_vm":true},
                 {"agent_id":null,"cid":null,"job":"bosh","index":1,"id":"x","az":"z1","ips":[],
                  "vm_created_at":null,"expects_vm":true}]""");

        List<Instance> instances = client.instances("primary-bosh");

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/deployments/primary-bosh/instances");
        assertThat(request.getUrl().querySize()).isZero();
        assertThat(instances.get(0)).isEqualTo(new Instance("c5e7c705-1", "i-0abc", "bosh", 0,
                "209b96c8-e482-43c7-9f3e-04de9f93c535", "z1", List.of("10.0.1.6"), "2026-08-01T10:00:00Z", true));
        assertThat(instances.get(1).hasVm()).isFalse();
    }

    @Test
    void vms() {
        director.enqueueJson(200, """
                [{"agent_id":"c5e7c705-1","cid":"i-0abc","job":"bosh","index":0,"id":"209b96c8","az":"z1",
                  "ips":["10.0.1.6"],"vm_created_at":"2026-08-01T10:00:00Z","active":true,
                  "permanent_nats_credentials":true}]""");

        List<Vm> vms = client.vms("primary-bosh");

        assertRequest(director.take(), "GET", "/deployments/primary-bosh/vms");
        assertThat(vms).containsExactly(new Vm("c5e7c705-1", "i-0abc", "bosh", 0, "209b96c8", "z1",
                List.of("10.0.1.6"), "2026-08-01T10:00:00Z", true, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"instances", "vms"})
    void fullFormatRunsATaskAndParsesItsNdjsonResult(String kind) {
        director.enqueueTaskRedirect(302, 55);
        director.enqueueJson(200, task(55, "done", "retrieve vm-stats"));
        director.enqueueText(200, FULL_RUNNING + "\n" + FULL_UNRESPONSIVE + "\n");

        List<VmDetails> details = kind.equals("instances")
                ? client.instanceDetails("primary-bosh", CONTEXT, Duration.ofMinutes(1))
                : client.vmDetails("primary-bosh", CONTEXT, Duration.ofMinutes(1));

        RecordedRequest start = director.take();
        assertRequest(start, "GET", "/deployments/primary-bosh/" + kind);
        assertQuery(start, Map.of("format", "full"));
        assertThat(start.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertRequest(director.take(), "GET", "/tasks/55");
        // read for its result alone: no event output is asked for
        RecordedRequest result = director.take();
        assertQuery(result, Map.of("type", "result"));
        assertThat(result.getHeaders().get("Range")).isNull();

        assertThat(details).hasSize(2);
        VmDetails running = details.get(0);
        assertThat(running.isRunning()).isTrue();
        assertThat(running.vmCid()).isEqualTo("i-0abc");
        assertThat(running.jobName()).isEqualTo("bosh");
        assertThat(running.diskCids()).containsExactly("vol-0123");
        assertThat(running.vitals().cpu().ioWait()).isEqualTo("0.1");
        assertThat(running.vitals().disk().get("system").inodePercent()).isEqualTo("34");
        assertThat(running.vitals().mem().kb()).isEqualTo("227028");
        assertThat(running.processes()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("director");
            assertThat(p.mem().kb()).isEqualTo(489836L);
            assertThat(p.uptime().secs()).isEqualTo(1212309L);
        });
        assertThat(running.stemcell()).isEqualTo(new VmDetails.StemcellRef("bosh-aws-xen-hvm-ubuntu-noble", "1.484", 3));
        assertThat(running.cloudProperties()).containsEntry("instance_type", "m5.large");
        VmDetails unresponsive = details.get(1);
        assertThat(unresponsive.isUnresponsive()).isTrue();
        assertThat(unresponsive.vitals()).isNull();
        assertThat(unresponsive.processes()).isEmpty();
        assertThat(unresponsive.isRunning()).isFalse();
    }

    @Test
    void startFullFormatReturnsTheTaskIdOnly() {
        director.enqueueTaskRedirect(302, 56);
        director.enqueueTaskRedirect(302, 57);

        assertThat(client.startInstanceDetails("d", CONTEXT)).isEqualTo(56);
        assertThat(client.startVmDetails("d", CONTEXT)).isEqualTo(57);
        assertThat(director.take().getTarget()).isEqualTo("/deployments/d/instances?format=full");
        assertThat(director.take().getTarget()).isEqualTo("/deployments/d/vms?format=full");
    }

    @Test
    void tasksWithEveryFilter() {
        director.enqueueJson(200, "[" + task(1180, "processing", "scan and fix") + "]");

        List<Task> tasks = client.tasks(TaskQuery.inFlight().withDeployment("primary-bosh")
                .withContextId("ctx-1").withLimit(30));

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/tasks");
        assertQuery(request, Map.of("state", "queued,processing,cancelling", "deployment", "primary-bosh",
                "verbose", "2", "context_id", "ctx-1", "limit", "30"));
        assertThat(tasks).containsExactly(new Task(1180, TaskState.PROCESSING, "scan and fix", null, 1755860000L,
                null, "hm", "primary-bosh", ""));
    }

    @Test
    void tasksDefaultVerbosityHidesCckTasks() {
        director.enqueueJson(200, "[]");

        client.tasks(TaskQuery.all().withAllTypes(false));

        RecordedRequest request = director.take();
        assertQuery(request, Map.of("verbose", "1"));
    }

    @Test
    void inFlightTasksFilteredByDescriptionAndUser() {
        director.enqueueJson(200, "[" + task(3, "processing", "scan and fix")
                + "," + task(2, "queued", "create deployment")
                + "," + task(1, "queued", "scan and fix").replace("\"hm\"", "\"admin\"") + "]");

        List<Task> tasks = client.inFlightTasks("primary-bosh", "scan and fix", "admin");

        RecordedRequest request = director.take();
        assertQuery(request, Map.of("state", "queued,processing,cancelling", "deployment", "primary-bosh",
                "verbose", "2"));
        assertThat(tasks).extracting(Task::id).containsExactly(1L);
    }

    @Test
    void oneTask() {
        director.enqueueJson(200, task(1180, "done", "scan and fix").replace("\"timestamp\":null", "\"timestamp\":1755860100")
                .replace("\"result\":null", "\"result\":\"scan and fix complete\""));

        Task task = client.task(1180);

        assertRequest(director.take(), "GET", "/tasks/1180");
        assertThat(task.state().isSuccess()).isTrue();
        assertThat(task.timestamp()).isEqualTo(1755860100L);
        assertThat(task.result()).isEqualTo("scan and fix complete");
    }

    @Test
    void taskOutputWithRange() {
        director.enqueue(new MockResponse.Builder().code(206).body("{\"time\":2}\n").build());
        director.enqueue(new MockResponse.Builder().code(416).build());

        TaskOutputChunk chunk = client.taskOutput(9, TaskOutputType.EVENT, 100);
        TaskOutputChunk nothing = client.taskOutput(9, TaskOutputType.EVENT, chunk.nextOffset());

        RecordedRequest first = director.take();
        assertRequest(first, "GET", "/tasks/9/output");
        assertQuery(first, Map.of("type", "event"));
        assertThat(first.getHeaders().get("Range")).isEqualTo("bytes=100-");
        assertThat(director.take().getHeaders().get("Range")).isEqualTo("bytes=111-");
        assertThat(chunk).isEqualTo(new TaskOutputChunk("{\"time\":2}\n", 111));
        assertThat(nothing).isEqualTo(new TaskOutputChunk("", 111));
    }

    @Test
    void taskResultOutput() {
        director.enqueueText(200, "1 resolved");

        assertThat(client.taskResult(9)).isEqualTo("1 resolved");
        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/tasks/9/output");
        assertQuery(request, Map.of("type", "result"));
    }

    @Test
    void cancelUsesTheSingularTaskPath() {
        director.enqueue(new MockResponse.Builder().code(204).build());

        client.cancelTask(1180);

        RecordedRequest request = director.take();
        assertRequest(request, "DELETE", "/task/1180");
        assertThat(request.getBodySize()).isZero();
    }

    @Test
    void scanIsAnEmptyJsonPost() {
        director.enqueueTaskRedirect(302, 12);

        long taskId = client.scan("primary-bosh", CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "POST", "/deployments/primary-bosh/scans");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo("0");
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(taskId).isEqualTo(12);
    }

    @Test
    void problems() {
        director.enqueueJson(200, PROBLEMS);

        List<Problem> problems = client.problems("primary-bosh");

        assertRequest(director.take(), "GET", "/deployments/primary-bosh/problems");
        assertThat(problems).extracting(Problem::id, Problem::type, Problem::instanceGroup).containsExactly(
                org.assertj.core.groups.Tuple.tuple(241L, "unresponsive_agent", "bosh"),
                org.assertj.core.groups.Tuple.tuple(242L, "missing_vm", "bosh"));
        assertThat(problems.get(0).offers("recreate_vm")).isTrue();
        assertThat(problems.get(1).offers("reboot_vm")).isFalse();
        assertThat(problems.get(0).resolutions().get(0)).isEqualTo(new Problem.Resolution("ignore", "Skip for now"));
    }

    @Test
    void resolveProblemsWithExplicitResolutions() {
        director.enqueueTaskRedirect(302, 13);
        Map<Long, String> resolutions = new LinkedHashMap<>();
        resolutions.put(242L, "recreate_vm");
        resolutions.put(241L, "recreate_vm");

        long taskId = client.resolveProblems("primary-bosh", resolutions, CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "PUT", "/deployments/primary-bosh/problems");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(request.getBody().utf8())
                .isEqualTo("{\"resolutions\":{\"241\":\"recreate_vm\",\"242\":\"recreate_vm\"}}");
        assertThat(taskId).isEqualTo(13);
    }

    @Test
    void aNullResolutionIsRefusedBeforeAnythingIsSent() {
        Map<Long, String> resolutions = new LinkedHashMap<>();
        resolutions.put(241L, null);

        assertThatThrownBy(() -> client.resolveProblems("primary-bosh", resolutions, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explicit");
        assertThat(director.requestCount()).isEqualTo(2);
    }

    @Test
    void scanAndFix() {
        director.enqueueTaskRedirect(302, 14);

        long taskId = client.scanAndFix("primary-bosh",
                Map.of("bosh", List.of("209b96c8-e482-43c7-9f3e-04de9f93c535")), CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "PUT", "/deployments/primary-bosh/scan_and_fix");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(request.getBody().utf8())
                .isEqualTo("{\"jobs\":{\"bosh\":[\"209b96c8-e482-43c7-9f3e-04de9f93c535\"]}}");
        assertThat(taskId).isEqualTo(14);
    }

    @Test
    void resurrectionState() {
        director.enqueueJson(200, "{\"resurrection\":false}");

        assertThat(client.resurrectionEnabled()).isFalse();
        assertRequest(director.take(), "GET", "/resurrection");
    }

    @Test
    void pauseAndUnpauseResurrection() {
        director.enqueue(new MockResponse.Builder().code(200).build());
        director.enqueue(new MockResponse.Builder().code(200).build());

        client.setResurrectionPaused(true);
        client.setResurrectionPaused(false);

        RecordedRequest pause = director.take();
        assertRequest(pause, "PUT", "/resurrection");
        assertThat(pause.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(pause.getBody().utf8()).isEqualTo("{\"resurrection_paused\":true}");
        assertThat(director.take().getBody().utf8()).isEqualTo("{\"resurrection_paused\":false}");
    }

    @Test
    void latestResurrectionConfigs() {
        director.enqueueJson(200, """
                [{"id":"3","name":"default","type":"resurrection","team":null,"current":true,
                  "created_at":"2026-08-01 10:00:00 UTC",
                  "content":"rules:\\n- enabled: false\\n  include: {deployments: [meta-bosh]}\\n"}]""");

        List<Config> configs = client.configs("resurrection", true);

        RecordedRequest request = director.take();
        assertRequest(request, "GET", "/configs");
        assertQuery(request, Map.of("type", "resurrection", "latest", "true"));
        assertThat(configs).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("default");
            assertThat(c.content()).startsWith("rules:");
            assertThat(c.current()).isTrue();
        });
    }

    @Test
    void locks() {
        director.enqueueJson(200, """
                [{"type":"deployment","resource":["primary-bosh"],"timeout":"1755860000.123456","task_id":"1234"}]""");

        List<Lock> locks = client.locks();

        assertRequest(director.take(), "GET", "/locks");
        assertThat(locks).containsExactly(new Lock("deployment", List.of("primary-bosh"), "1755860000.123456", "1234"));
    }

    @Test
    void stemcells() {
        director.enqueueJson(200, """
                [{"name":"bosh-aws-xen-hvm-ubuntu-noble","operating_system":"ubuntu-noble","version":"1.484",
                  "cid":"ami-0123","cpi":"","deployments":[{"name":"primary-bosh"}],"api_version":3,"id":"5"}]""");

        List<Stemcell> stemcells = client.stemcells();

        assertRequest(director.take(), "GET", "/stemcells");
        assertThat(stemcells).containsExactly(new Stemcell("bosh-aws-xen-hvm-ubuntu-noble", "ubuntu-noble", "1.484",
                "ami-0123", "", List.of(new Stemcell.DeploymentName("primary-bosh")), 3, "5"));
    }

    @Test
    void releases() {
        director.enqueueJson(200, """
                [{"name":"bosh","release_versions":[{"version":"283.1.6","commit_hash":"abc123",
                  "uncommitted_changes":false,"currently_deployed":true,"job_names":["director","nats"]}]}]""");

        List<Release> releases = client.releases();

        assertRequest(director.take(), "GET", "/releases");
        assertThat(releases).containsExactly(new Release("bosh", List.of(new Release.Version("283.1.6", "abc123",
                false, true, List.of("director", "nats")))));
    }

    @Test
    void recreateWithFixIsAnEmptyYamlPut() {
        director.enqueueTaskRedirect(302, 15);

        long taskId = client.recreateInstance("primary-bosh", "bosh", "209b96c8-e482", true, CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "PUT", "/deployments/primary-bosh/jobs/bosh/209b96c8-e482");
        assertQuery(request, Map.of("state", "recreate", "fix", "true"));
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/yaml");
        assertThat(request.getBodySize()).isZero();
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(taskId).isEqualTo(15);
    }

    @Test
    void sshSetupWaitsAndReturnsTheHostKeys() {
        director.enqueueTaskRedirect(302, 16);
        director.enqueueJson(200, task(16, "done", "ssh: setup:target..."));
        director.enqueue(new MockResponse.Builder().code(416).build());
        director.enqueueText(200, """
                [{"command":"setup","status":"success","ip":"10.0.1.6","host_public_key":"ssh-ed25519 AAAAC3Nz",\
                "id":"209b96c8","index":0,"job":"bosh","gateway_host":null,"gateway_user":null}]
                """);

        List<SshHostResult> results = client.sshSetup("primary-bosh", SshTarget.instance("bosh", "209b96c8"),
                "bbo_1a2b", "ssh-ed25519 AAAAPUBLIC operator", CONTEXT, Duration.ofMinutes(1));

        RecordedRequest request = director.take();
        assertRequest(request, "POST", "/deployments/primary-bosh/ssh");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT.value());
        assertThat(request.getBody().utf8()).isEqualTo("{\"command\":\"setup\",\"deployment_name\":\"primary-bosh\","
                + "\"target\":{\"job\":\"bosh\",\"indexes\":[\"209b96c8\"],\"ids\":[\"209b96c8\"]},"
                + "\"params\":{\"user\":\"bbo_1a2b\",\"public_key\":\"ssh-ed25519 AAAAPUBLIC operator\"}}");
        assertThat(results).containsExactly(new SshHostResult("setup", "success", "10.0.1.6", "ssh-ed25519 AAAAC3Nz",
                "209b96c8", 0, "bosh", null, null));
        assertThat(results.get(0).isSuccess()).isTrue();
    }

    @Test
    void sshCleanup() {
        director.enqueueTaskRedirect(302, 17);

        long taskId = client.sshCleanup("primary-bosh", new SshTarget("bosh", List.of()), "bbo_1a2b", CONTEXT);

        RecordedRequest request = director.take();
        assertRequest(request, "POST", "/deployments/primary-bosh/ssh");
        assertThat(request.getBody().utf8()).isEqualTo("{\"command\":\"cleanup\",\"deployment_name\":\"primary-bosh\","
                + "\"target\":{\"job\":\"bosh\",\"indexes\":[],\"ids\":[]},\"params\":{\"user_regex\":\"^bbo_1a2b\"}}");
        assertThat(taskId).isEqualTo(17);
    }

    @Test
    void namesArePathEncoded() {
        director.enqueueJson(200, "[]");

        client.instances("odd name/with slash");

        assertThat(director.take().getTarget()).isEqualTo("/deployments/odd%20name%2Fwith%20slash/instances");
    }

    static String task(long id, String state, String description) {
        return "{\"id\":" + id + ",\"state\":\"" + state + "\",\"description\":\"" + description + "\","
                + "\"timestamp\":null,\"started_at\":1755860000,\"result\":null,\"user\":\"hm\","
                + "\"deployment\":\"primary-bosh\",\"context_id\":\"\"}";
    }

    static void assertRequest(RecordedRequest request, String method, String path) {
        assertThat(request.getMethod()).isEqualTo(method);
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
    }

    static void assertQuery(RecordedRequest request, Map<String, String> expected) {
        assertThat(request.getUrl().queryParameterNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertThat(request.getUrl().queryParameterValues(name))
                .as("query parameter %s", name).containsExactly(value));
    }

    static final String FULL_RUNNING = """
            {"vm_cid":"i-0abc","active":true,"vm_created_at":"2026-08-01T10:00:00Z",\
            "cloud_properties":{"instance_type":"m5.large"},"disk_cid":"vol-0123","disk_cids":["vol-0123"],\
            "ips":["10.0.1.6"],"agent_id":"c5e7c705-1","job_name":"bosh","index":0,\
            "job_state":"running","state":"started","vm_type":"default",\
            "vitals":{"cpu":{"sys":"1.3","user":"4.9","wait":"0.1"},"disk":{"system":{"inode_percent":"34","percent":"48"},\
            "ephemeral":{"inode_percent":"1","percent":"2"},"persistent":{"inode_percent":"3","percent":"4"}},\
            "load":["0.00","0.03","0.05"],"mem":{"kb":"227028","percent":"6"},"swap":{"kb":"0","percent":"0"},\
            "uptime":{"secs":1212309}},\
            "processes":[{"name":"director","state":"running","uptime":{"secs":1212309},\
            "mem":{"kb":489836,"percent":12.1},"cpu":{"total":0}}],\
            "az":"z1","id":"209b96c8","bootstrap":true,"ignore":false,\
            "stemcell":{"name":"bosh-aws-xen-hvm-ubuntu-noble","version":"1.484","api_version":3}}""";

    static final String FULL_UNRESPONSIVE = """
            {"vm_cid":"i-0def","active":true,"vm_created_at":"2026-08-01T10:00:00Z","cloud_properties":{},\
            "disk_cid":null,"disk_cids":[],"ips":["10.0.1.7"],"agent_id":"a-2","job_name":"bosh","index":1,\
            "job_state":"unresponsive agent","state":"started","vm_type":"default","vitals":null,"processes":[],\
            "az":"z1","id":"3c1d","bootstrap":false,"ignore":false,"stemcell":null}""";

    static final String PROBLEMS = """
            [{"id":241,"type":"unresponsive_agent","data":{},
              "description":"VM for 'bosh/209b96c8-... (0)' with cloud ID 'i-0abc' is not responding.",
              "resolutions":[{"name":"ignore","plan":"Skip for now"},
                             {"name":"reboot_vm","plan":"Reboot VM"},
                             {"name":"recreate_vm_without_wait","plan":"Recreate VM without waiting for processes to start"},
                             {"name":"recreate_vm","plan":"Recreate VM and wait for processes to start"},
                             {"name":"delete_vm","plan":"Delete VM"},
                             {"name":"delete_vm_reference","plan":"Delete VM reference (forceful)"}],
              "instance_group":"bosh"},
             {"id":242,"type":"missing_vm","data":{},
              "description":"VM for 'bosh/209b96c8-... (0)' with cloud ID 'i-0abc' missing.",
              "resolutions":[{"name":"ignore","plan":"Skip for now"},
                             {"name":"recreate_vm_without_wait","plan":"Recreate VM without waiting for processes to start"},
                             {"name":"recreate_vm","plan":"Recreate VM and wait for processes to start"},
                             {"name":"delete_vm_reference","plan":"Delete VM reference"}],
              "instance_group":"bosh"}]""";
}
