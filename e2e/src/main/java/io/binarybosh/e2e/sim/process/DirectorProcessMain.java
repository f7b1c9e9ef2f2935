package io.binarybosh.e2e.sim.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The `director` process of a director VM in process mode, started by monit:
 * {@code DirectorProcessMain --tether 127.0.0.1:PORT --vm CID --pidfile FILE}.
 * The director of that VM (API, workers, health monitor, on the VM's store) runs exactly as long as this
 * process does: SIGTERM stops it cleanly, SIGKILL (or the VM dying) stops it hard. Its code runs in the world,
 * which holds the IaaS and the agents' NATS it needs; this process is its life in the operating system.
 */
public final class DirectorProcessMain {
    private DirectorProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        String tether = null;
        String vm = null;
        Path pidFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tether" -> tether = args[i + 1];
                case "--vm" -> vm = args[i + 1];
                case "--pidfile" -> pidFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tether == null || vm == null || pidFile == null) {
            throw new IllegalArgumentException("usage: DirectorProcessMain --tether HOST:PORT --vm CID --pidfile FILE");
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        Files.writeString(pidFile, pid + "\n");
        int colon = tether.lastIndexOf(':');
        Socket socket = new Socket(tether.substring(0, colon), Integer.parseInt(tether.substring(colon + 1)));
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out.write(("START " + vm + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String answer = in.readLine();
        if (!"OK".equals(answer)) {
            System.err.println("director for " + vm + " refused: " + answer);
            removePidFile(pidFile, pid);
            System.exit(1);
        }
        System.out.println("director for " + vm + " running, pid " + pid);
        CountDownLatch ended = new CountDownLatch(1);
        Path pids = pidFile;
        String name = vm;
        Thread shutdown = new Thread(() -> {
            try {
                out.write("STOP\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                ended.await(20, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the world is gone already: nothing left to stop
            }
            removePidFile(pids, pid);
            System.out.println("director for " + name + " stopped");
        }, "director-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        String line;
        do {
            line = readLine(in);
        } while (line != null && !line.equals("STOPPED"));
        ended.countDown();
        if (line == null) {
            // the world stopped the director under us (VM deleted) or the world itself ended
            Runtime.getRuntime().halt(1);
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static void removePidFile(Path pidFile, String pid) {
        try {
            if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(pid)) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            // monit removes stale pid files itself
        }
    }
}
