package io.binarybosh.e2e.demo;

import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.fabric8.kubernetes.api.model.Event;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells what the operator writes as it writes it: a line per new event (the operator records one for every condition
 * that changes), per new step of the operation in flight, per change of copy progress, of the phase and of the VM
 * and manager of each director. It only reads the API, as {@code kubectl get -w} would.
 */
final class Narrator implements AutoCloseable {

    private static final long MIB = 1 << 20;

    private final Console console;
    private final Supplier<PairView> pair;
    private final Supplier<List<Event>> events;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "narrator");
        thread.setDaemon(true);
        return thread;
    });
    // Confined to the looker thread.
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, String> said = new HashMap<>();

    Narrator(Console console, Supplier<PairView> pair, Supplier<List<Event>> events) {
        this.console = console;
        this.pair = pair;
        this.events = events;
    }

    void start() {
        looker.scheduleWithFixedDelay(this::look, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** Returns once everything written before this call has been told, so that the story goes on after it. */
    void catchUp() throws InterruptedException {
        try {
            looker.submit(this::look).get();
        } catch (ExecutionException | RejectedExecutionException e) {
            // closed meanwhile: there is nothing more to tell
        }
    }

    private void look() {
        try {
            newEvents();
            status(pair.get());
        } catch (RuntimeException e) {
            // The API answers again on the next look; a narrator that stops would hide the rest of the story.
            changed("look", "cannot read the pair: " + e.getMessage());
        }
    }

    private void newEvents() {
        events.get().stream()
                .filter(e -> seenEvents.add(e.getMetadata().getName()))
                .sorted(Comparator.comparing(e -> Objects.requireNonNullElse(e.getLastTimestamp(), "")))
                .forEach(e -> console.operator("event " + e.getReason() + ("Warning".equals(e.getType())
                        ? " (warning)" : "") + ": " + e.getMessage()));
    }

    private void status(PairView view) {
        view.phase().ifPresent(phase -> changed("phase", "phase " + phase));
        view.operation().ifPresentOrElse(this::operation, () -> said.remove("step"));
        view.migration().ifPresent(this::copy);
        for (String key : List.of("primary", "meta")) {
            view.director(key).ifPresent(director -> manager(key, director));
        }
    }

    private void operation(OperationStatus operation) {
        changed("step", "step " + operation.getType() + "/" + operation.getStep()
                + (operation.getMessage() == null ? "" : ": " + operation.getMessage()),
                operation.getType() + "/" + operation.getStep());
    }

    private void copy(MigrationStatus migration) {
        if (migration.getCopiedBytes() == null || migration.getCopiedBytes() == 0) {
            return;
        }
        changed("copy", "copy: %.1f MiB%s at %s".formatted(migration.getCopiedBytes() / (double) MIB,
                migration.getCopiedFiles() == null ? "" : ", " + migration.getCopiedFiles() + " files",
                Objects.requireNonNullElse(migration.getCopyRate(), "?")));
    }

    private void manager(String key, DirectorStatus director) {
        if (director.getManagedBy() == null || director.getVmCid() == null) {
            return;
        }
        changed("manager " + key, key + " runs on VM " + director.getVmCid() + ", deployed by "
                + director.getManagedBy());
    }

    private void changed(String topic, String line) {
        changed(topic, line, line);
    }

    /** Says {@code line} when the {@code key} of {@code topic} differs from the last one said. */
    private void changed(String topic, String line, String key) {
        if (!key.equals(said.put(topic, key))) {
            console.operator(line);
        }
    }

    @Override
    public void close() {
        looker.shutdownNow();
        try {
            looker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
