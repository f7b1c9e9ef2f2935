package io.binarybosh.e2e.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real kubectl against one kubeconfig, each run bounded in time and never left behind. Each run gets a
 * fresh discovery cache: kubectl keeps its cache per host and port for hours, and a later server on the same port
 * may hold other CRDs.
 *
 * @param executable the kubectl binary
 * @param kubeconfig the kubeconfig to use
 * @param timeout    how long one run may take before it is killed
 */
public record Kubectl(Path executable, Path kubeconfig, Duration timeout) {

    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/kubectl");

    public Kubectl(Path kubeconfig) {
        this(DEFAULT_EXECUTABLE, kubeconfig, Duration.ofSeconds(30));
    }

    public boolean available() {
        return Files.isExecutable(executable);
    }

    public KubectlResult run(String... arguments) {
        return runWithInput(null, arguments);
    }

    /** Runs kubectl with {@code input} on its standard input (for {@code -f -}); null for none. */
    public KubectlResult runWithInput(String input, String... arguments) {
        return run(input, null, arguments);
    }

    /**
     * Runs a kubectl plugin found in {@code pluginDirectory} ({@code kubectl bbp ...}): kubectl takes no flag before
     * a plugin's name, so the kubeconfig and cache go by environment ({@code KUBECONFIG}, {@code KUBECACHEDIR}), and
     * {@code PATH} is the plugin's directory then the system's.
     */
    public KubectlResult plugin(Path pluginDirectory, String... arguments) {
        return run(null, pluginDirectory, arguments);
    }

    private KubectlResult run(String input, Path pluginDirectory, String... arguments) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("kubectl-");
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            if (pluginDirectory == null) {
                command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir",
                        scratch.resolve("cache").toString(), "--request-timeout", "10s"));
            }
            command.addAll(List.of(arguments));
            Path in = Files.writeString(scratch.resolve("stdin"), input == null ? "" : input);
            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("HOME", scratch.toString());
            if (pluginDirectory != null) {
                builder.environment().put("KUBECONFIG", kubeconfig.toString());
                builder.environment().put("KUBECACHEDIR", scratch.resolve("cache").toString());
                builder.environment().put("PATH", pluginDirectory + ":" + executable.getParent() + ":/usr/bin:/bin");
            }
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("kubectl " + String.join(" ", arguments) + " took longer than "
                            + timeout);
                }
            } finally {
                process.destroyForcibly();
            }
            return new KubectlResult(String.join(" ", arguments), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kubectl ran", e);
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
