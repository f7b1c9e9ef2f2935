package io.binarybosh.operator.shell;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the generated scripts for real, with /bin/sh as on a stemcell (dash), in folders made by the tests. */
final class Scripts {

    record Run(int exit, String out) {
    }

    private Scripts() {
    }

    static Run sh(String command) throws Exception {
        return sh(command, Map.of(), null);
    }

    static Run sh(String command, Map<String, String> env) throws Exception {
        return sh(command, env, null);
    }

    static Run sh(String command, Map<String, String> env, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * A monit stand-in in {@code dir/bin}, first on the returned environment's PATH: it records each call in
     * {@code dir/monit-calls}, reports one process not monitored, and fails while {@code dir/monit-fails} exists.
     */
    static Map<String, String> fakeMonit(Path dir) throws java.io.IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("monit"), "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("monit-calls") + "'\n"
                + "[ -f '" + dir.resolve("monit-fails") + "' ] && exit 1\n"
                + "[ \"$1\" = summary ] && echo \"Process 'director'  not monitored\"\nexit 0\n");
        assertThat(bin.resolve("monit").toFile().setExecutable(true)).isTrue();
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    static boolean root() throws Exception {
        return sh("id -u").out().trim().equals("0");
    }

    /** Whether a process runs (a zombie has ended). */
    static boolean alive(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String s = Files.readString(stat);
            return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    /**
     * A temporary folder under the module's target/, not /tmp: the working folder's checks refuse a path through a
     * folder everyone can write in, as /tmp is.
     */
    static final class UnderTarget implements TempDirFactory {
        /**
         * The scripts refuse a working folder below one that others can write in, as /tmp is, and a checkout may
         * live there (CI clones anywhere): as root, the tests' folders go below a root-owned folder of /var/lib.
         */
        private static final Path ROOT_OWNED = Path.of("/var/lib/binarybosh-shell-tests");

        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
            try {
                Files.createDirectories(ROOT_OWNED);
                return Files.createTempDirectory(ROOT_OWNED, "shell-test-");
            } catch (java.io.IOException notRoot) {
                Path target = Path.of("target").toAbsolutePath();
                Files.createDirectories(target);
                return Files.createTempDirectory(target, "shell-test-");
            }
        }
    }
}
