package io.binarybosh.operator.events;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.EventSink;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records core/v1 Events off the reconcile threads, as client-go's event broadcaster does: recording only queues
 * the event ({@link PendingEvents}: bounded, repeats folded, Warnings kept before Normal events) and one sender
 * thread writes them in the order recorded. A reconcile never waits for the API server because of an event, except
 * that an operation's next record waits for the events it announced (see {@link #awaitSent}), so that a crash
 * loses no announcement of a step that was recorded. A failure to write is logged, never retried in a loop. The
 * messages are those of the conditions and operations, which never hold a secret; they are cut at 1 KiB.
 */
public final class EventRecorder implements EventSink, AutoCloseable {

    public static final String COMPONENT = "binary-bosh-operator";
    /** Ten events of each of 1,000 pairs waiting at once (a new pair announces one to three). */
    public static final int CAPACITY = 10_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final long RECORD_WAIT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final PendingEvents pending;
    private final Consumer<PendingEvent> writer;
    private final Clock clock;
    private final Thread sender;
    private volatile boolean closing;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this(new PendingEvents(CAPACITY), new EventWriter(client)::create, clock, true);
    }

    /** @param start whether to start the sender thread; without it, {@link #sendPending} sends (tests) */
    EventRecorder(PendingEvents pending, Consumer<PendingEvent> writer, Clock clock, boolean start) {
        this.pending = pending;
        this.writer = writer;
        this.clock = clock;
        this.sender = new Thread(this::sendUntilClosed, "event-sender");
        sender.setDaemon(true);
        if (start) {
            sender.start();
        }
    }

    @Override
    public void normal(HasMetadata resource, Reason reason, String message) {
        record(resource, EventKey.Type.NORMAL, reason.wire(), message);
    }

    @Override
    public void warning(HasMetadata resource, Reason reason, String message) {
        record(resource, EventKey.Type.WARNING, reason.wire(), message);
    }

    /** Waits, a bounded time, until the events recorded about {@code resource} have been written (or given up). */
    @Override
    public void awaitSent(HasMetadata resource) {
        await(EventObject.of(resource), RECORD_WAIT_MILLIS);
    }

    /** Waits, a bounded time, until every event recorded so far has been written (or given up). */
    public boolean flush() {
        return await(null, CLOSE_WAIT_MILLIS);
    }

    public long dropped() {
        return pending.dropped();
    }

    /** Writes what is pending (bounded wait), then stops the sender. */
    @Override
    public void close() {
        if (sender.isAlive()) {
            flush();
        }
        closing = true;
        sender.interrupt();
    }

    private void record(HasMetadata resource, EventKey.Type type, String reason, String message) {
        String text = message.length() > EventWriter.MAX_MESSAGE_LENGTH
                ? message.substring(0, EventWriter.MAX_MESSAGE_LENGTH) : message;
        EventKey key = new EventKey(EventObject.of(resource), type, reason, text);
        if (!pending.offer(key, clock.instant())) {
            long dropped = pending.dropped();
            if (Long.bitCount(dropped) == 1) {
                LOG.warn("pair={}/{} event {} dropped: {} events wait to be written ({} dropped so far)",
                        key.object().namespace(), key.object().name(), reason, pending.size(), dropped);
            }
        }
    }

    /** Writes every pending event; returns how many it took. */
    int sendPending() {
        int taken = 0;
        try {
            Optional<PendingEvent> next;
            while ((next = pending.take(0)).isPresent()) {
                send(next.get());
                taken++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    private void sendUntilClosed() {
        while (!closing) {
            try {
                pending.take(1_000).ifPresent(this::send);
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            }
        }
    }

    private void send(PendingEvent event) {
        try {
            writer.accept(event);
        } catch (KubernetesClientException e) {
            LOG.warn("pair={}/{} could not record event {}: {}", event.key().object().namespace(),
                    event.key().object().name(), event.key().reason(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("pair={}/{} could not record event {}", event.key().object().namespace(),
                    event.key().object().name(), event.key().reason(), e);
        } finally {
            pending.sent(event);
        }
    }

    private boolean await(EventObject object, long millis) {
        if (Thread.currentThread() == sender) {
            return pending.isEmpty();
        }
        try {
            return pending.awaitSent(object, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
