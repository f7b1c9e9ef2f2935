package io.binarybosh.e2e.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An unpacked image started as a container runtime starts it, with util-linux and no engine: new mount and PID
 * namespaces, the root file system bind-mounted read-only, a tmpfs on /tmp (the chart's emptyDir), /proc and the
 * few devices a runtime provides, /etc/hosts, /etc/hostname and /etc/resolv.conf written as the kubelet does, then
 * the image's entrypoint run in that root with its user (no supplementary groups), working directory and
 * environment only. The network is the host's, so that loopback servers are reachable. Needs root.
 */
public final class ContainerProcess implements AutoCloseable {

    // Runs inside the new namespaces, before the image's own code: host tools by absolute path.
    private static final String RUNTIME = """
            set -eu
            root=$1; uid=$2; gid=$3; workdir=$4; shift 4
            /bin/mount --bind "$root" "$root"
            /bin/mount -o remount,bind,ro "$root"
            /bin/mount -t tmpfs -o size=64m,mode=1777 tmpfs "$root/tmp"
            /bin/mount -t proc proc "$root/proc"
            /bin/mount -t tmpfs -o mode=755 tmpfs "$root/dev"
            for device in null zero random urandom; do
              : > "$root/dev/$device"
              /bin/mount --bind "/dev/$device" "$root/dev/$device"
            done
            exec /usr/bin/unshare --root="$root" --wd="$workdir" --setgid="$gid" --setuid="$uid" -- "$@"
            """;

    private final Process process;
    private final Path log;

    private ContainerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code config}'s entrypoint in {@code rootfs} (an unpacked image, changed only where a runtime changes
     * it), with {@code config}'s environment plus {@code environment}; its output goes to {@code log}.
     */
    public static ContainerProcess start(Path rootfs, ImageConfig config, Map<String, String> environment, Path log) {
        try {
            Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
            Files.writeString(rootfs.resolve("etc/hostname"), "binary-bosh-operator\n");
            Files.writeString(rootfs.resolve("etc/resolv.conf"), "");
            List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork",
                    "--kill-child", "--", "/bin/sh", "-c", RUNTIME, "runtime", rootfs.toString(), config.uid(),
                    config.gid(), config.workingDir()));
            command.addAll(config.entrypoint());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(config.environment());
            builder.environment().putAll(environment);
            return new ContainerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entrypoint's process as the host sees it: the descendant whose root is not the host's. */
    public Optional<ProcessHandle> entrypoint() {
        return process.descendants().filter(handle -> {
            try {
                return !Files.readSymbolicLink(Path.of("/proc", Long.toString(handle.pid()), "root"))
                        .equals(Path.of("/"));
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the namespace's first process, which takes every process of the namespace and its mounts with it. By
     * its id: {@code --kill-child} alone would not do, since the kernel forgets a parent-death signal when the
     * entrypoint changes user.
     */
    @Override
    public void close() {
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + handle.pid() + " of the container did not stop", e);
            }
        }
    }
}
