package io.binarybosh.e2e.argocd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/** Runs a Lua 5.1 program with the real interpreter, bounded in time, and returns what it printed. */
public final class Lua {

    static final Path INTERPRETER = Path.of("/usr/bin/lua5.1");

    private Lua() {
    }

    public static boolean available() {
        return Files.isExecutable(INTERPRETER);
    }

    static String run(String program) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("lua-");
            Path script = Files.writeString(directory.resolve("main.lua"), program);
            Path out = directory.resolve("out");
            Path err = directory.resolve("err");
            Process process = new ProcessBuilder(INTERPRETER.toString(), script.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("lua5.1 ran longer than 10 s");
                }
            } finally {
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("lua5.1 exited " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (directory != null) {
                try (var files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
