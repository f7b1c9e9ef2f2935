package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.director.Director;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Binds each director to the OS process monit runs for it ({@link DirectorProcessMain}): a director starts when
 * its process connects and stops when the process asks (clean stop) or its connection drops (killed).
 */
public final class DirectorTether implements AutoCloseable {
    /** What the world does when the director process of a VM starts and stops. */
    public record Slot(Supplier<Director> create, Consumer<Director> started, Consumer<Director> stopped) {
    }

    private record Running(Director director, Socket socket) {
    }

    private final ServerSocket server;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Thread acceptor;

    public DirectorTether() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "director-tether");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    public void register(String cid, Slot slot) {
        slots.put(cid, slot);
    }

    public boolean isRunning(String cid) {
        Running r = running.get(cid);
        return r != null && r.director().isRunning();
    }

    public Optional<Director> director(String cid) {
        return Optional.ofNullable(running.get(cid)).map(Running::director);
    }

    /** The VM died: its director stops at once, whatever its process is doing. */
    public void kill(String cid) {
        Running r = running.remove(cid);
        if (r != null) {
            stop(cid, r);
            closeQuietly(r.socket());
        }
        slots.remove(cid);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "director-tether-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String cid = null;
        Running mine = null;
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String hello = in.readLine();
            cid = hello != null && hello.startsWith("START ") ? hello.substring(6).trim() : null;
            Slot slot = cid == null ? null : slots.get(cid);
            if (slot == null || running.containsKey(cid)) {
                out.write((slot == null ? "NO unknown VM\n" : "NO already running\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            Director director = slot.create().get();
            director.start();
            mine = new Running(director, socket);
            running.put(cid, mine);
            slot.started().accept(director);
            out.write("OK\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("STOP")) {
                    stopOwn(cid, mine);
                    out.write("STOPPED\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a dropped connection is a killed process: handled below
        } finally {
            if (cid != null && mine != null) {
                stopOwn(cid, mine);
            }
        }
    }

    private void stopOwn(String cid, Running mine) {
        if (running.remove(cid, mine)) {
            stop(cid, mine);
        }
    }

    private void stop(String cid, Running r) {
        r.director().stop();
        Slot slot = slots.get(cid);
        if (slot != null) {
            slot.stopped().accept(r.director());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        java.util.List.copyOf(running.keySet()).forEach(this::kill);
    }
}
