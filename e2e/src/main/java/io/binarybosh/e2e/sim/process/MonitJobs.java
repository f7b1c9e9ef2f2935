package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.agent.JobProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The jobs of a director VM in process mode: a real monit daemon runs the director process and its companions.
 * The agent's `monit stop all` / `start all` are the real commands, and the director is up exactly while its
 * process is tethered.
 */
final class MonitJobs implements JobProcess {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration PRE_START_TIMEOUT = Duration.ofSeconds(60);
    private final SshHost host;
    private final DirectorTether tether;

    private MonitJobs(SshHost host, DirectorTether tether) {
        this.host = host;
        this.tether = tether;
    }

    /**
     * The agent's start of the jobs, as the director asks for it (bosh director starter.rb): {@code run_script
     * pre-start} first (bosh-agent agent/action/run_script.go: every job's bin/pre-start, as root), then monit
     * (or, if it runs, `monit start all`); returns once the director is up.
     */
    static MonitJobs start(SshHost host, MonitControlFile controlFile, DirectorTether tether) {
        MonitJobs jobs = new MonitJobs(host, tether);
        boolean running = jobs.daemonRunning();
        if (!running) {
            controlFile.write();
        }
        jobs.preStart();
        if (running) {
            jobs.monit("start", "all");
        } else {
            jobs.boot();
        }
        await(() -> tether.isRunning(host.cid()) || host.destroyed(), "director on " + host.address() + " to start");
        return jobs;
    }

    private void boot() {
        startDaemon(host);
    }

    /**
     * monit as the stemcell runs it, inside the VM (its jobs see the VM's /var/vcap, users and sudoers): at first
     * boot, and after a reboot as the agent's bootstrap starts it (bosh-agent agent/bootstrap.go {@code StartMonit},
     * bosh-linux-stemcell-builder stages/bosh_go_agent/assets/runit/monit/run: {@code monit -I -c monitrc}); pre-start
     * is not run then (only the director's {@code run_script} runs it). monit itself starts what its state file
     * does not say was unmonitored (a {@code monit stop} survives the reboot; monit 5.2.5 state.c).
     */
    static void startDaemon(SshHost host) {
        HostDir dir = host.dir();
        try {
            // monit runs inside the VM: its jobs see the VM's /var/vcap, users and sudoers
            new ProcessBuilder("nsenter", "-t", Long.toString(host.machinePid()), "-m", "-u", "--",
                    dir.bin().resolve("init").toString(), "/usr/bin/monit", "-I", "-c", dir.monitrc().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().resolve("init.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void preStart() {
        Command.Result r = host.inside(PRE_START_TIMEOUT, "sh", "-c", "for s in /var/vcap/jobs/*/bin/pre-start; do "
                + "[ -x \"$s\" ] || continue; \"$s\" >> " + host.dir().log().resolve("pre-start.log") + " 2>&1 || "
                + "{ echo \"$s failed\"; exit 1; }; done");
        if (!r.ok()) {
            throw new IllegalStateException("Action Failed run_script: 1 of 1 pre-start scripts failed on " + host.address()
                    + ": " + r.output().trim());
        }
    }

    String monit(String... args) {
        // inside the VM: monit names the system service after the VM's hostname
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/monit", "-c", host.dir().monitrc().toString()));
        command.addAll(List.of(args));
        Command.Result r = host.inside(COMMAND_TIMEOUT, command.toArray(String[]::new));
        if (!r.ok()) {
            throw new IllegalStateException("monit " + String.join(" ", args) + " on " + host.address() + ": " + r.output());
        }
        return r.output();
    }

    private boolean daemonRunning() {
        try {
            long pid = Long.parseLong(Files.readString(host.dir().pidFile("monit")).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessSweep.commandLine(pid).contains(host.dir().marker());
        } catch (java.io.IOException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    public List<String> monitNames() {
        return MonitControlFile.PROCESSES;
    }

    @Override
    public boolean running() {
        return tether.isRunning(host.cid());
    }

    /** `monit stop all`, returning once every process is down; on a dead VM the director just dies. */
    @Override
    public void stop() {
        if (host.destroyed()) {
            tether.kill(host.cid());
            return;
        }
        monit("stop", "all");
        await(() -> !tether.isRunning(host.cid())
                && MonitControlFile.PROCESSES.stream().noneMatch(p -> Files.exists(host.dir().pidFile(p))),
                "every process on " + host.address() + " to stop");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            // monit acts on its own daemon cycle and notifies no one: poll, bounded by WAIT.
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
