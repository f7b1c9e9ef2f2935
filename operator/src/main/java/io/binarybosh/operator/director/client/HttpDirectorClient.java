package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.DirectorUnauthorizedException;
import io.binarybosh.operator.director.DirectorResponseException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorCredentials;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.auth.BasicAuthenticator;
import io.binarybosh.operator.director.auth.DiscoveringAuthenticator;
import io.binarybosh.operator.director.auth.UaaTokenAuthenticator;
import io.binarybosh.operator.director.http.ApiRequest;
import io.binarybosh.operator.director.http.ApiResponse;
import io.binarybosh.operator.director.http.DirectorHttp;
import io.binarybosh.operator.director.http.ErrorMapper;
import io.binarybosh.operator.director.http.Json;
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
import io.binarybosh.operator.director.TaskResult;
import io.binarybosh.operator.director.TaskWaitOptions;
import io.binarybosh.operator.director.tasks.TaskWaiter;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The director API over HTTPS. Built by {@link HttpDirectorClientFactory}, which shares its codec and connection pool.
 * Beyond {@link DirectorClient} it speaks the routes the operator does not call (VMs, locks, {@code scan_and_fix},
 * recreate, raw task output) for tests and tools that hold this class.
 */
public final class HttpDirectorClient implements DirectorClient {

    static final String CONTEXT_ID_HEADER = "X-Bosh-Context-Id";
    private static final String JSON = "application/json";
    private static final String YAML = "text/yaml";
    private static final byte[] EMPTY = new byte[0];

    private final Json json;
    private final DirectorHttp http;
    private final TaskWaiter waiter;
    private final TaskOutputs outputs;
    private final String peer;
    private final String client;

    HttpDirectorClient(DirectorEndpoint endpoint, HttpUrl base, OkHttpClient okHttp, Json json,
                       DirectorClientOptions options) {
        this.json = json;
        DirectorCredentials credentials = endpoint.credentials();
        this.client = credentials.client();
        DiscoveringAuthenticator authenticator = new DiscoveringAuthenticator(this::info,
                () -> new BasicAuthenticator(credentials),
                uaaUrl -> new UaaTokenAuthenticator(okHttp, parseUaaUrl(uaaUrl), credentials, options.clock(),
                        options.tokenRefreshMargin(), json));
        this.http = new DirectorHttp(okHttp, base, authenticator, options.retryPolicy(), options.sleeper(),
                new ErrorMapper(json), credentials.client());
        this.peer = http.peer();
        this.outputs = new TaskOutputs(http);
        this.waiter = new TaskWaiter(new ClientTaskApi(this, outputs), json, options.clock(), options.sleeper(),
                options.taskPollInterval());
    }

    @Override
    public DirectorInfo info() {
        return readInfo(ApiRequest.get("info").anonymous());
    }

    @Override
    public DirectorInfo authenticatedInfo() {
        DirectorInfo info = readInfo(ApiRequest.get("info"));
        if (info.user() == null && http.dropCredentials()) {
            // /info never answers 401: a token it no longer takes shows as user null, so a fresh one is fetched once
            info = readInfo(ApiRequest.get("info"));
        }
        if (info.user() == null) {
            throw new DirectorUnauthorizedException("The " + peer
                    + " did not accept the credentials of client '" + clientName() + "' (GET /info answered user: null)");
        }
        return info;
    }

    @Override
    public List<Deployment> deployments(DeploymentsQuery query) {
        ApiRequest request = ApiRequest.get("deployments")
                .flag("exclude_configs", query.excludeConfigs())
                .flag("exclude_lock", query.excludeLock())
                .flag("exclude_releases", query.excludeReleases())
                .flag("exclude_stemcells", query.excludeStemcells());
        return readList(request, Deployment.class);
    }

    @Override
    public String manifest(String deployment) {
        ManifestWire wire = read(ApiRequest.get("deployments", name(deployment)), ManifestWire.class);
        return wire.manifest() == null ? "" : wire.manifest();
    }

    @Override
    public long deploy(String manifestYaml, DeployOptions options, ContextId contextId) {
        Objects.requireNonNull(manifestYaml, "manifestYaml");
        ApiRequest request = ApiRequest.send("POST", YAML, manifestYaml.getBytes(StandardCharsets.UTF_8), "deployments")
                .flag("dry_run", options.dryRun())
                .flag("fix", options.fix())
                .flag("recreate", options.recreate());
        return startTask(request, contextId);
    }

    @Override
    public List<Instance> instances(String deployment) {
        return readList(ApiRequest.get("deployments", name(deployment), "instances"), Instance.class);
    }

    /** {@code GET /deployments/:d/vms}: from the director's database, no agent contact. */
    public List<Vm> vms(String deployment) {
        return readList(ApiRequest.get("deployments", name(deployment), "vms"), Vm.class);
    }

    /** {@code GET /deployments/:d/instances?format=full}: starts the task, returns its id. */
    public long startInstanceDetails(String deployment, ContextId contextId) {
        return startTask(ApiRequest.get("deployments", name(deployment), "instances").query("format", "full"), contextId);
    }

    /** {@code GET /deployments/:d/vms?format=full}: starts the task, returns its id. */
    public long startVmDetails(String deployment, ContextId contextId) {
        return startTask(ApiRequest.get("deployments", name(deployment), "vms").query("format", "full"), contextId);
    }

    @Override
    public List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
        return vmLines(startInstanceDetails(deployment, contextId), timeout);
    }

    /** Like {@link #instanceDetails} for {@code /vms?format=full}: every VM, inactive ones included. */
    public List<VmDetails> vmDetails(String deployment, ContextId contextId, Duration timeout) {
        return vmLines(startVmDetails(deployment, contextId), timeout);
    }

    /** A vm-stats task's result, one JSON line per VM, read without its events. */
    private List<VmDetails> vmLines(long taskId, Duration timeout) {
        return json.readLines(waitForTask(taskId, TaskWaitOptions.timeout(timeout).withoutEvents()).result(),
                VmDetails.class, "The result of task " + taskId);
    }

    @Override
    public List<Task> tasks(TaskQuery query) {
        ApiRequest request = ApiRequest.get("tasks");
        if (query.contextId() != null) {
            request = request.query("context_id", query.contextId());
        }
        if (query.deployment() != null) {
            request = request.query("deployment", query.deployment());
        }
        if (query.limit() != null) {
            request = request.query("limit", String.valueOf(query.limit()));
        }
        if (!query.states().isEmpty()) {
            request = request.query("state",
                    query.states().stream().map(TaskState::wire).collect(Collectors.joining(",")));
        }
        return readList(request.query("verbose", query.allTypes() ? "2" : "1"), Task.class);
    }

    @Override
    public Task task(long taskId) {
        return read(ApiRequest.get("tasks", String.valueOf(taskId)), Task.class);
    }

    /** {@code GET /tasks/:id/output?type=..} with {@code Range: bytes=fromByte-}. */
    public TaskOutputChunk taskOutput(long taskId, TaskOutputType type, long fromByte) {
        byte[] bytes = outputs.from(taskId, type, fromByte);
        return new TaskOutputChunk(new String(bytes, StandardCharsets.UTF_8), fromByte + bytes.length);
    }

    /** {@code GET /tasks/:id/output?type=result}, whole. */
    public String taskResult(long taskId) {
        ApiRequest request = ApiRequest.get("tasks", String.valueOf(taskId), "output").query("type", "result")
                .accepting(Set.of(200, 204));
        return http.execute(request).text();
    }

    @Override
    public void cancelTask(long taskId) {
        http.execute(ApiRequest.delete("task", String.valueOf(taskId)));
    }

    /** In-flight tasks of every type ({@code verbose=2}) on a deployment, by description and user when not null. */
    public List<Task> inFlightTasks(String deployment, String description, String user) {
        Objects.requireNonNull(deployment, "deployment");
        return tasks(TaskQuery.inFlight().withDeployment(deployment)).stream()
                .filter(t -> description == null || description.equals(t.description()))
                .filter(t -> user == null || user.equals(t.user()))
                .toList();
    }

    /** Polls the task and its events until it ends; see {@link TaskWaiter}. */
    public TaskResult waitForTask(long taskId, TaskWaitOptions options) {
        return waiter.await(taskId, options);
    }

    @Override
    public TaskResult waitForTask(long taskId, Duration timeout) {
        return waitForTask(taskId, TaskWaitOptions.timeout(timeout));
    }

    @Override
    public long scan(String deployment, ContextId contextId) {
        return startTask(ApiRequest.send("POST", JSON, EMPTY, "deployments", name(deployment), "scans"), contextId);
    }

    @Override
    public List<Problem> problems(String deployment) {
        return readList(ApiRequest.get("deployments", name(deployment), "problems"), Problem.class);
    }

    @Override
    public long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId) {
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException("no problem to resolve");
        }
        Map<String, String> byId = new TreeMap<>();
        resolutions.forEach((id, resolution) -> {
            if (resolution == null || resolution.isBlank()) {
                throw new IllegalArgumentException("problem " + id + " needs an explicit resolution name");
            }
            byId.put(String.valueOf(id), resolution);
        });
        byte[] body = json.write(Map.of("resolutions", byId));
        return startTask(ApiRequest.send("PUT", JSON, body, "deployments", name(deployment), "problems"), contextId);
    }

    /** The resurrector's {@code PUT /deployments/:d/scan_and_fix}; refused while resurrection is paused. */
    public long scanAndFix(String deployment, Map<String, List<String>> instancesByGroup, ContextId contextId) {
        if (instancesByGroup.isEmpty()) {
            throw new IllegalArgumentException("scan_and_fix needs at least one instance group");
        }
        byte[] body = json.write(Map.of("jobs", new TreeMap<>(instancesByGroup)));
        return startTask(ApiRequest.send("PUT", JSON, body, "deployments", name(deployment), "scan_and_fix"), contextId);
    }

    @Override
    public boolean resurrectionEnabled() {
        return read(ApiRequest.get("resurrection"), ResurrectionWire.class).resurrection();
    }

    @Override
    public void setResurrectionPaused(boolean paused) {
        byte[] body = json.write(Map.of("resurrection_paused", paused));
        http.execute(ApiRequest.send("PUT", JSON, body, "resurrection").idempotent().accepting(Set.of(200, 204)));
    }

    @Override
    public List<String> variables(String deployment) {
        return readList(ApiRequest.get("deployments", name(deployment), "variables"), VariableWire.class).stream()
                .map(VariableWire::name).toList();
    }

    @Override
    public List<Config> configs(String type, boolean latest) {
        Objects.requireNonNull(type, "type");
        return readList(ApiRequest.get("configs").query("latest", String.valueOf(latest)).query("type", type),
                Config.class);
    }

    /** {@code GET /locks}. */
    public List<Lock> locks() {
        return readList(ApiRequest.get("locks"), Lock.class);
    }

    @Override
    public List<Stemcell> stemcells() {
        return readList(ApiRequest.get("stemcells"), Stemcell.class);
    }

    @Override
    public List<Release> releases() {
        return readList(ApiRequest.get("releases"), Release.class);
    }

    /** {@code PUT /deployments/:d/jobs/:group/:indexOrId?state=recreate[&fix=true]}, empty {@code text/yaml} body. */
    public long recreateInstance(String deployment, String instanceGroup, String indexOrId, boolean fix,
                                 ContextId contextId) {
        ApiRequest request = ApiRequest.send("PUT", YAML, EMPTY, "deployments", name(deployment), "jobs",
                        name(instanceGroup), name(indexOrId))
                .flag("fix", fix)
                .query("state", "recreate");
        return startTask(request, contextId);
    }

    /** {@code POST /deployments/:d/ssh} {@code setup}: starts the task that adds {@code user}; returns its id. */
    public long startSshSetup(String deployment, SshTarget target, String user, String publicKey, ContextId contextId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(publicKey, "publicKey");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("public_key", publicKey);
        return startSsh(deployment, "setup", target, params, contextId);
    }

    @Override
    public List<SshHostResult> sshSetup(String deployment, SshTarget target, String user, String publicKey,
                                        ContextId contextId, Duration timeout) {
        long taskId = startSshSetup(deployment, target, user, publicKey, contextId);
        String result = waitForTask(taskId, timeout).result().strip();
        return json.readList(result.getBytes(StandardCharsets.UTF_8), SshHostResult.class,
                "The result of ssh setup task " + taskId);
    }

    @Override
    public long sshCleanup(String deployment, SshTarget target, String user, ContextId contextId) {
        Objects.requireNonNull(user, "user");
        return startSsh(deployment, "cleanup", target, Map.of("user_regex", "^" + user), contextId);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "HttpDirectorClient[" + peer + ", client=" + clientName() + "]";
    }

    private long startSsh(String deployment, String command, SshTarget target, Map<String, Object> params,
                          ContextId contextId) {
        return startTask(ApiRequest.send("POST", JSON, json.write(SshRequestBody.of(deployment, command, target,
                params)), "deployments", name(deployment), "ssh"), contextId);
    }

    private long startTask(ApiRequest request, ContextId contextId) {
        Objects.requireNonNull(contextId, "contextId");
        ApiRequest tagged = request.header(CONTEXT_ID_HEADER, contextId.value()).createsTask();
        ApiResponse response = http.execute(tagged);
        return TaskIds.fromLocation(response.location(), "The " + peer + " answered " + http.describe(tagged));
    }

    private DirectorInfo readInfo(ApiRequest request) {
        return read(request, InfoWire.class).toInfo();
    }

    private <T> T read(ApiRequest request, Class<T> type) {
        ApiResponse response = http.execute(request);
        return json.read(response.body(), type, "The " + peer + " " + http.describe(request));
    }

    private <T> List<T> readList(ApiRequest request, Class<T> element) {
        ApiResponse response = http.execute(request);
        return json.readList(response.body(), element, "The " + peer + " " + http.describe(request));
    }

    private String clientName() {
        return client;
    }

    private static String name(String value) {
        Objects.requireNonNull(value, "name");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a deployment, instance group or instance name is not blank");
        }
        return value;
    }

    private HttpUrl parseUaaUrl(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        // The client secret goes to this URL: only over TLS, verified against the director's CA.
        if (parsed == null || !parsed.isHttps()) {
            throw new DirectorResponseException("The " + peer + " advertises a UAA URL that is not an https URL");
        }
        return parsed;
    }
}
