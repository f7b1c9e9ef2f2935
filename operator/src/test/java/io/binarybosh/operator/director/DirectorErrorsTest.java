package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.TaskQuery;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Director error bodies and statuses become typed exceptions; wrong bodies become clear ones, never an NPE. */
class DirectorErrorsTest {

    private static final ContextId CONTEXT = ContextId.of("ctx");

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
    void aMissingDeploymentIsNotFound() {
        director.enqueueJson(404, "{\"code\":70000,\"description\":\"Deployment 'primary-bosh' doesn't exist\"}");

        assertThatThrownBy(() -> client.instances("primary-bosh"))
                .isInstanceOfSatisfying(DirectorNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(70000);
                    assertThat(e.description()).isEqualTo("Deployment 'primary-bosh' doesn't exist");
                })
                .hasMessageContaining("GET /deployments/primary-bosh/instances")
                .hasMessageContaining("70000");
    }

    @Test
    void aMissingTaskIsNotFound() {
        director.enqueueJson(404, "{\"code\":10000,\"description\":\"Task 99 not found\"}");

        assertThatThrownBy(() -> client.task(99)).isInstanceOf(DirectorNotFoundException.class);
    }

    @Test
    void anUnknownRouteIsItsOwnError() {
        director.enqueueText(404, "Endpoint '/deployments' not found.");

        assertThatThrownBy(() -> client.deploy("name: d\n", DeployOptions.defaults(), CONTEXT))
                .isInstanceOf(DirectorEndpointNotFoundException.class)
                .isNotInstanceOf(DirectorNotFoundException.class)
                .hasMessageContaining("POST /deployments")
                .hasMessageContaining("Content-Type")
                .hasMessageContaining("Endpoint '/deployments' not found.");
    }

    @Test
    void pausedResurrectionRefusesScanAndFix() {
        director.enqueueJson(400, "{\"code\":410004,\"description\":\"Resurrector is paused\"}");

        assertThatThrownBy(() -> client.scanAndFix("primary-bosh", Map.of("bosh", List.of("0")), CONTEXT))
                .isInstanceOfSatisfying(DirectorResurrectionPausedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(410004);
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessageContaining("Resurrector is paused");
    }

    @Test
    void aBadManifest() {
        director.enqueueJson(400, "{\"code\":440001,\"description\":\"Manifest should be a hash\"}");

        assertThatThrownBy(() -> client.deploy("- a list\n", DeployOptions.defaults(), CONTEXT))
                .isInstanceOf(DirectorBadManifestException.class)
                .hasMessageContaining("Manifest should be a hash");
    }

    @Test
    void aHeldLock() {
        director.enqueueJson(400, "{\"code\":100,\"description\":"
                + "\"Unable to get deployment lock, maybe a deployment is in progress. Try again later.\"}");

        assertThatThrownBy(() -> client.recreateInstance("primary-bosh", "bosh", "0", true, CONTEXT))
                .isInstanceOf(DirectorLockedException.class);
    }

    @Test
    void anyOtherDirectorErrorCarriesCodeAndStatus() {
        director.enqueueJson(400, "{\"code\":10001,\"description\":\"Cannot cancel task 5: invalid state (done)\"}");

        assertThatThrownBy(() -> client.cancelTask(5))
                .isExactlyInstanceOf(DirectorApiException.class)
                .isInstanceOf(DirectorResponseException.class)
                .satisfies(e -> {
                    DirectorApiException api = (DirectorApiException) e;
                    assertThat(api.errorCode()).isEqualTo(10001);
                    assertThat(api.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void aServerErrorWithoutBodyHasNoCode() {
        director.server.enqueue(new MockResponse.Builder().code(500).build());

        assertThatThrownBy(() -> client.scan("primary-bosh", CONTEXT))
                .isInstanceOfSatisfying(DirectorApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "null", "{\"name\":\"x\"}", "{\"name\":\"x\",\"user_authentication\":null}",
            "{\"name\":\"x\",\"user_authentication\":{\"options\":{}}}", "{\"name\":\"x\",\"user_authentication\":[1]}"})
    void aWrongInfoBodyIsAClearResponseError(String body) {
        director.enqueueJson(200, body);

        assertThatThrownBy(client::info)
                .isExactlyInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("GET /info")
                .hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"state\":\"done\"}", "{\"id\":\"x\",\"state\":\"done\"}", "{\"id\":1}",
            "{\"id\":1,\"state\":\"exploded\"}", "{\"id\":null,\"state\":\"done\"}", "[]"})
    void aWrongTaskBodyIsAClearResponseError(String body) {
        director.enqueueJson(200, body);

        assertThatThrownBy(() -> client.task(1))
                .isExactlyInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("GET /tasks/1");
    }

    @Test
    void aWrongBodyNamesWhereItWasWrongButNeverQuotesIt() {
        director.enqueueJson(200, "[{\"name\":\"d\",\"teams\":\"password-in-a-wrong-place\"}]");

        assertThatThrownBy(() -> client.deployments(DeploymentsQuery.full()))
                .isExactlyInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("$[0].teams")
                .hasMessageNotContaining("password-in-a-wrong-place");
    }

    @Test
    void aListWithANullElementIsAResponseError() {
        director.enqueueJson(200, "[null]");

        assertThatThrownBy(() -> client.tasks(TaskQuery.all())).isExactlyInstanceOf(DirectorResponseException.class);
    }

    @Test
    void aResurrectionBodyWithoutTheFlagIsAResponseError() {
        director.enqueueJson(200, "{}");

        assertThatThrownBy(client::resurrectionEnabled).isExactlyInstanceOf(DirectorResponseException.class);
    }

    @Test
    void aRedirectThatIsNotToATaskIsAResponseError() {
        director.server.enqueue(new MockResponse(302, Headers.of("Location", "/login"), ""));

        assertThatThrownBy(() -> client.scan("d", CONTEXT))
                .isInstanceOf(DirectorResponseException.class).hasMessageContaining("/tasks/<id>");
    }

    @Test
    void aRedirectWithoutLocationIsAResponseError() {
        director.server.enqueue(new MockResponse.Builder().code(302).build());

        assertThatThrownBy(() -> client.scan("d", CONTEXT))
                .isInstanceOf(DirectorResponseException.class).hasMessageContaining("without Location");
    }

    @Test
    void aTaskCallAnsweredWithoutRedirectIsAResponseError() {
        director.enqueueJson(200, "{}");

        assertThatThrownBy(() -> client.scan("d", CONTEXT)).isInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("HTTP 200");
    }

    @Test
    void aRedirectOnAPlainReadIsNotFollowed() {
        director.server.enqueue(new MockResponse(302, Headers.of("Location", "/tasks/3"), ""));

        assertThatThrownBy(() -> client.locks()).isInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("302");
        assertThat(director.requestCount()).isEqualTo(3);
    }
}
