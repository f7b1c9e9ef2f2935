package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds and kills processes by a string in their command line (argv[0] included, which is where the job
 * stand-ins carry their VM folder). Pid files can lie or be missing; /proc cannot.
 */
public final class ProcessSweep {
    private ProcessSweep() {
    }

    public static List<Long> find(String marker) {
        return pids().stream().filter(pid -> commandLine(pid).contains(marker)).toList();
    }

    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * SIGKILL to every process in that mount namespace (a VM's: sshd's sessions, monit and its jobs, whatever
     * their command line), never to the caller's own namespace.
     */
    public static void killNamespace(String namespace) {
        String own = namespaceOf(ProcessHandle.current().pid());
        if (namespace == null || namespace.isEmpty() || namespace.equals(own)) {
            return;
        }
        killUntilNoneLeft(() -> pids().stream().filter(pid -> namespace.equals(namespaceOf(pid))).toList());
    }

    static String namespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt")).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<Long> pids() {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGKILL to every matching process, as when the machine they run on disappears. */
    public static void kill(String marker) {
        killUntilNoneLeft(() -> find(marker));
    }

    private static void killUntilNoneLeft(Supplier<List<Long>> matching) {
        for (int round = 0; round < 3; round++) {
            List<Long> pids = matching.get();
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            // Let the kernel deliver SIGKILL before looking again; three rounds at most.
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
