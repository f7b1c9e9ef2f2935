package io.binarybosh.e2e.sim.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.function.Predicate;

/** What a person does by hand: makes a key, asks a director for ssh access, waits on `monit summary`. */
final class Person {
    private static final Duration MONIT_WAIT = Duration.ofSeconds(60);
    private final Path home;
    private final Path privateKey;
    private final String publicKey;

    Person(Path home) {
        this.home = home;
        try {
            Files.createDirectories(home);
            privateKey = home.resolve("id_ed25519");
            Command.check(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "person", "-f", privateKey.toString());
            publicKey = Files.readString(home.resolve("id_ed25519.pub")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path privateKey() {
        return privateKey;
    }

    Path home() {
        return home;
    }

    /** `bosh -d deployment ssh`: setup through the director, then a shell pinned to the host key it answered. */
    Shell sshThrough(BoshHttp director, String deployment, String user) {
        String body = "{\"command\":\"setup\",\"deployment_name\":\"" + deployment + "\",\"target\":{\"job\":\"bosh\",\"indexes\":[\"0\"],\"ids\":[]},"
                + "\"params\":{\"user\":\"" + user + "\",\"public_key\":\"" + publicKey + "\"}}";
        long id = BoshHttp.taskId(director.send("POST", "/deployments/" + deployment + "/ssh", "application/json", body));
        JsonNode task = director.waitForTask(id).task();
        if (!task.path("state").asText().equals("done")) {
            throw new AssertionError("ssh setup " + task);
        }
        JsonNode result = Json.read(director.get("/tasks/" + id + "/output?type=result").body().trim()).get(0);
        return Shell.to(result.path("ip").asText(), 2222, user, privateKey, result.path("host_public_key").asText(), home);
    }

    /** `bosh ssh` cleanup: the key no longer opens the VM. */
    void cleanupSsh(BoshHttp director, String deployment, String userRegex) {
        String body = "{\"command\":\"cleanup\",\"deployment_name\":\"" + deployment + "\",\"target\":{\"job\":\"bosh\",\"indexes\":[\"0\"],\"ids\":[]},"
                + "\"params\":{\"user_regex\":\"" + userRegex + "\"}}";
        long id = BoshHttp.taskId(director.send("POST", "/deployments/" + deployment + "/ssh", "application/json", body));
        director.waitForTask(id);
    }

    /** monit on a stemcell: a root-only wrapper, so through sudo. */
    static final String MONIT = "sudo -n /var/vcap/bosh/bin/monit";

    /** Polls `monit summary` on the VM until every process line satisfies the condition (either monit's layout). */
    static String awaitMonit(Shell shell, Predicate<String> processLine, String what) {
        String[] summary = {""};
        Awaitility.await("monit on " + shell.host() + " showing " + what).atMost(MONIT_WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Command.Result r = shell.run(MONIT + " summary");
                    summary[0] = r.output();
                    if (r.exitCode() == 255) {
                        throw new AssertionError("ssh to " + shell.host() + " failed:\n" + summary[0]);
                    }
                    return summary[0].contains("Process") && summary[0].lines()
                            .filter(l -> l.trim().endsWith("Process") || l.startsWith("Process '"))
                            .allMatch(processLine);
                });
        return summary[0];
    }

    static String awaitAllStopped(Shell shell) {
        return awaitMonit(shell, l -> l.toLowerCase(java.util.Locale.ROOT).contains("not monitored") && !l.contains("pending"),
                "every process stopped");
    }

    static String awaitAllRunning(Shell shell) {
        return awaitMonit(shell, l -> l.matches("\\s*\\S+\\s+OK\\s+Process\\s*") || l.matches("Process '\\S+'\\s+running"),
                "every process running");
    }
}
