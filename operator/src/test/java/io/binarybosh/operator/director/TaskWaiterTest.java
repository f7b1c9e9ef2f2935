package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.director.TaskEvent;
import io.binarybosh.operator.director.TaskResult;
import io.binarybosh.operator.director.TaskWaitOptions;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.binarybosh.operator.director.DirectorClientCallsTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waiting for a task as the CLI does: poll the task, read events with Range, end on a final state. */
class TaskWaiterTest {

    private static final String STARTED = "{\"time\":1755860000,\"stage\":\"Updating instance\",\"tags\":[\"bosh\"],"
            + "\"total\":1,\"task\":\"bosh/209b96c8 (0) (canary)\",\"index\":1,\"state\":\"started\",\"progress\":0}\n";
    private static final String FINISHED = "{\"time\":1755860060,\"stage\":\"Updating instance\",\"tags\":[\"bosh\"],"
            + "\"total\":1,\"task\":\"bosh/209b96c8 (0) (canary)\",\"index\":1,\"state\":\"finished\",\"progress\":100}\n";
    private static final String LOCK_ERROR = "{\"time\":1755860001,\"error\":{\"code\":100,\"message\":"
            + "\"Unable to get deployment lock, maybe a deployment is in progress. Try again later.\"}}\n";

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
    void aDoneTaskReturnsItsEventsAndResult() {
        int split = 40;
        director.enqueueJson(200, task(77, "processing", "create deployment"));
        director.enqueue(partial(STARTED.substring(0, split)));
        director.enqueueJson(200, task(77, "processing", "create deployment"));
        director.enqueue(partial(STARTED.substring(split) + FINISHED));
        director.enqueueJson(200, task(77, "done", "create deployment"));
        director.enqueue(new MockResponse.Builder().code(416).build());
        director.enqueueText(200, "/deployments/primary-bosh");
        List<TaskEvent> seen = new CopyOnWriteArrayList<>();

        TaskResult result = client.waitForTask(77, TaskWaitOptions.timeout(Duration.ofMinutes(5)).withListener(seen::add));

        assertThat(result.task().state()).isEqualTo(TaskState.DONE);
        assertThat(result.result()).isEqualTo("/deployments/primary-bosh");
        assertThat(result.events()).extracting(TaskEvent::state).containsExactly("started", "finished");
        TaskEvent finished = result.events().get(1);
        assertThat(finished.stage()).isEqualTo("Updating instance");
        assertThat(finished.task()).isEqualTo("bosh/209b96c8 (0) (canary)");
        assertThat(finished.progress()).isEqualTo(100);
        assertThat(finished.tags()).containsExactly("bosh");
        assertThat(seen).isEqualTo(result.events());

        assertThat(director.take().getTarget()).isEqualTo("/tasks/77");
        assertThat(director.take().getHeaders().get("Range")).isEqualTo("bytes=0-");
        director.take();
        assertThat(director.take().getHeaders().get("Range")).isEqualTo("bytes=" + split + "-");
        director.take();
        assertThat(director.take().getHeaders().get("Range"))
                .isEqualTo("bytes=" + (STARTED + FINISHED).getBytes(StandardCharsets.UTF_8).length + "-");
        assertThat(director.take().getTarget()).isEqualTo("/tasks/77/output?type=result");
        assertThat(director.time.sleeps).as("the first looks soon, then every poll interval")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aTaskThatEndsInErrorSurfacesTheDirectorsMessage() {
        director.enqueueJson(200, task(78, "error", "scan and fix")
                .replace("\"result\":null", "\"result\":\"Unable to get deployment lock, maybe a deployment...\""));
        director.enqueue(partial(LOCK_ERROR));

        assertThatThrownBy(() -> client.waitForTask(78, TaskWaitOptions.timeout(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(DirectorTaskFailedException.class, e -> {
                    assertThat(e.taskId()).isEqualTo(78);
                    assertThat(e.task().state()).isEqualTo(TaskState.ERROR);
                    assertThat(e.directorMessage()).isEqualTo(
                            "Unable to get deployment lock, maybe a deployment is in progress. Try again later.");
                    assertThat(e.isLockConflict()).isTrue();
                })
                .hasMessageContaining("Task 78 ('scan and fix') ended error: Unable to get deployment lock");
        assertThat(director.requestCount()).as("no result is read for a failed task").isEqualTo(4);
    }

    @Test
    void aFailedStepMessageIsUsedWhenThereIsNoErrorLine() {
        director.enqueueJson(200, task(79, "error", "create deployment"));
        director.enqueue(partial(STARTED + STARTED.replace("\"started\"", "\"failed\"").replace("\"progress\":0}",
                "\"progress\":100,\"data\":{\"error\":\"Timed out pinging to 3c1d after 600 seconds\"}}")));

        assertThatThrownBy(() -> client.waitForTask(79, TaskWaitOptions.timeout(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(DirectorTaskFailedException.class, e -> assertThat(e.directorMessage())
                        .isEqualTo("Timed out pinging to 3c1d after 600 seconds"));
    }

    @Test
    void aTaskTheDirectorTimedOutIsAFailure() {
        director.enqueueJson(200, task(80, "timeout", "scan and fix"));
        director.enqueue(new MockResponse.Builder().code(204).build());

        assertThatThrownBy(() -> client.waitForTask(80, TaskWaitOptions.timeout(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(DirectorTaskFailedException.class,
                        e -> assertThat(e.task().state()).isEqualTo(TaskState.TIMEOUT))
                .hasMessageContaining("ended timeout");
    }

    @Test
    void aCancelledWaitCancelsTheTaskAndEndsWhenItIsCancelled() {
        director.enqueueJson(200, task(81, "processing", "create deployment"));
        director.enqueue(partial(STARTED));
        director.server.enqueue(new MockResponse.Builder().code(204).build());
        director.enqueueJson(200, task(81, "cancelling", "create deployment"));
        director.enqueue(new MockResponse.Builder().code(416).build());
        director.enqueueJson(200, task(81, "cancelled", "create deployment"));
        director.enqueue(new MockResponse.Builder().code(416).build());

        assertThatThrownBy(() -> client.waitForTask(81, TaskWaitOptions.timeout(Duration.ofMinutes(1))
                .withCancelRequested(() -> true)))
                .isInstanceOfSatisfying(DirectorTaskFailedException.class,
                        e -> assertThat(e.task().state()).isEqualTo(TaskState.CANCELLED));

        director.take();
        director.take();
        RecordedRequest cancel = director.take();
        assertThat(cancel.getMethod()).isEqualTo("DELETE");
        assertThat(cancel.getTarget()).isEqualTo("/task/81");
        assertThat(director.requestCount()).as("cancel sent once").isEqualTo(2 + 7);
    }

    @Test
    void theDeadlineEndsTheWaitAndCanCancelTheTask() {
        AtomicInteger polls = new AtomicInteger();
        List<String> deletes = new CopyOnWriteArrayList<>();
        director.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getMethod().equals("DELETE")) {
                    deletes.add(request.getTarget());
                    return new MockResponse.Builder().code(204).build();
                }
                if (request.getTarget().equals("/tasks/82")) {
                    polls.incrementAndGet();
                    return new MockResponse.Builder().code(200).body(task(82, "processing", "scan and fix")).build();
                }
                return new MockResponse.Builder().code(416).build();
            }
        });

        assertThatThrownBy(() -> client.waitForTask(82, TaskWaitOptions.timeout(Duration.ofSeconds(2))
                .withCancelOnDeadline(true)))
                .isInstanceOfSatisfying(DirectorTaskDeadlineException.class, e -> {
                    assertThat(e.taskId()).isEqualTo(82);
                    assertThat(e.lastState()).isEqualTo(TaskState.PROCESSING);
                })
                .hasMessageContaining("still processing after 2 s");
        assertThat(polls).hasValue(7);
        assertThat(deletes).containsExactly("/task/82");
        assertThat(director.time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(300));
    }

    @Test
    void aDirectorIgnoringRangeDoesNotDuplicateEvents() {
        director.enqueueJson(200, task(83, "processing", "create deployment"));
        director.enqueue(partial(STARTED));
        director.enqueueJson(200, task(83, "done", "create deployment"));
        director.enqueueText(200, STARTED + FINISHED);
        director.enqueueText(200, "");

        TaskResult result = client.waitForTask(83, TaskWaitOptions.timeout(Duration.ofMinutes(1)));

        assertThat(result.events()).extracting(TaskEvent::state).containsExactly("started", "finished");
    }

    @Test
    void aLineThatIsNotJsonIsSkippedAndAMultiByteCharacterSplitAcrossReadsSurvives() {
        byte[] garbage = "garbage that is not json\n".getBytes(StandardCharsets.UTF_8);
        String warning = "{\"time\":1,\"type\":\"warning\",\"message\":\"Grüße from the director\"}\n";
        byte[] all = concat(garbage, warning.getBytes(StandardCharsets.UTF_8));
        // Everything before the ü is ASCII, so this cuts between the two bytes of the ü.
        int cut = garbage.length + warning.indexOf('ü') + 1;
        director.enqueueJson(200, task(84, "processing", "d"));
        director.enqueue(bytes(java.util.Arrays.copyOfRange(all, 0, cut)));
        director.enqueueJson(200, task(84, "done", "d"));
        director.enqueue(bytes(java.util.Arrays.copyOfRange(all, cut, all.length)));
        director.enqueueText(200, "");

        TaskResult result = client.waitForTask(84, TaskWaitOptions.timeout(Duration.ofMinutes(1)));

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.isWarning()).isTrue();
            assertThat(e.message()).isEqualTo("Grüße from the director");
        });
    }

    private static MockResponse partial(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MockResponse bytes(byte[] bytes) {
        return new MockResponse.Builder().code(206).setHeader("Content-Type", "text/plain")
                .body(new Buffer().write(bytes)).build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
