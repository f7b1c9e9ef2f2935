package io.binarybosh.e2e.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * {@code bin/demo}: the operator migrates a simulated Micro BOSH to a Binary BOSH pair, then each director
 * resurrects the other, narrated as it happens. Runs until Ctrl-C, or with {@code --exit-when-done} exits 0 once
 * the story is told (1 when it did not happen as told).
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("The demo runs its directors in process mode: a real sshd and monit per director VM, "
                    + "which needs root. Run it as root (sudo bin/demo).");
            System.exit(1);
        }
        if (!Files.isExecutable(options.kubectl())) {
            System.err.println("No kubectl at " + options.kubectl() + ": bin/demo installs it when run as root.");
            System.exit(1);
        }
        Path dir = options.dir() == null ? Files.createTempDirectory("binary-bosh-demo-")
                : Files.createDirectories(options.dir());
        // Before the first logger exists: the operator's and the world's logs go to a file, the story to the terminal.
        System.setProperty("demo.log", dir.resolve("operator.log").toString());
        System.setProperty("log4j2.configurationFile", "classpath:demo/log4j2.xml");
        julToFile(dir.resolve("kube-api.log"));

        Console console = new Console(System.out);
        Demo demo = new Demo(options, console, dir);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.act("Stopping: the operator, the embedded API, then the world");
            demo.close();
            console.say("the operator's log and the manifests stay in " + dir);
            closed.countDown();
        }, "demo-shutdown"));
        try {
            demo.run();
        } catch (Exception e) {
            if (demo.closing()) {
                return;
            }
            // The operator's threads would keep the JVM alive: exit, and let the shutdown hook close everything.
            console.act("The demo did not go as told: " + (e instanceof DemoFailure ? e.getMessage() : e));
            console.say("the operator's log: " + dir.resolve("operator.log"));
            System.exit(1);
        }
        if (options.exitWhenDone()) {
            System.exit(0);
        }
        console.say("everything keeps running so that you can look with kubectl; Ctrl-C stops it all");
        closed.await();
    }

    /** fabric8's mock web server logs every request through java.util.logging, to the terminal unless told. */
    private static void julToFile(Path file) throws IOException {
        String config = """
                handlers=java.util.logging.FileHandler
                .level=INFO
                java.util.logging.FileHandler.pattern=%s
                java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter
                """.formatted(file.toString().replace("\\", "\\\\"));
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
    }
}
