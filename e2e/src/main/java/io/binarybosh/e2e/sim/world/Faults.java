package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.iaas.Vm;
import java.time.Duration;

/**
 * Fault injection. VM faults take a VM cid (see {@link World#iaas()} or {@link World#directorVm}); director
 * faults take the director's key in the world description and act on its network address.
 */
public final class Faults {
    private final World world;

    Faults(World world) {
        this.world = world;
    }

    private Vm vm(String cid) {
        return world.iaas().vm(cid).orElseThrow(() -> new IllegalArgumentException("no VM " + cid));
    }

    /**
     * The VM dies (the IaaS loses it): agent and jobs stop; the CPI reports it missing. In process mode every
     * process of the VM is killed with SIGKILL (a running postgres leaves its postmaster.pid).
     */
    public void killVm(String cid) {
        world.iaas().deleteVm(cid);
    }

    /** Kills the VM hosting a director. */
    public void killDirectorVm(String key) {
        world.directorVm(key).ifPresent(vm -> killVm(vm.cid()));
    }

    /**
     * Process mode: the VM reboots ({@link io.binarybosh.e2e.sim.process.SshHost#reboot}: every process killed, the
     * tmpfs run folder lost, the disks kept, sshd and monit started again as the stemcell and bosh-agent's bootstrap
     * start them). The agent dies with the VM and starts again; monit starts the jobs its state file does not say
     * were stopped. Returns once the VM answers ssh again.
     */
    public void rebootVm(String cid) {
        Vm vm = vm(cid);
        var host = world.processHostOf(cid).orElseThrow(() -> new IllegalStateException("not in process mode"));
        vm.agent().stop();
        host.reboot();
        vm.agent().start();
    }

    /** The agent process dies; the VM and its jobs go on. The director sees `unresponsive agent`. */
    public void stopAgent(String cid) {
        vm(cid).agent().stop();
    }

    public void startAgent(String cid) {
        vm(cid).agent().start();
    }

    /**
     * `monit stop all`: the jobs stop (a director on the VM goes down), the agent heartbeats `failing`.
     * In process mode this is the real command on the VM's monit, and it returns once every process is down.
     */
    public void stopJobs(String cid) {
        vm(cid).agent().stopJobs();
    }

    /** `monit start all`: a director on the VM starts again from what is on its persistent disk now. */
    public void startJobs(String cid) {
        vm(cid).agent().startJobs();
    }

    /** The director accepts connections and reads requests but never answers. */
    public void freeze(String key) {
        world.faultBoard().at(world.endpoint(key).address()).freeze();
    }

    /**
     * A task on the director that has held {@code deployment}'s lock for {@code startedAgo} and goes on until
     * cancelled (a worker hung on a CPI call): the health monitor skips the deployment. Returns the task id.
     */
    public long stickTask(String key, String deployment, Duration startedAgo) {
        return world.director(key).stuckTask(deployment, "create deployment", "ops", startedAgo);
    }

    /** Every request gets a 500 with an empty body. */
    public void failWith500(String key) {
        world.faultBoard().at(world.endpoint(key).address()).failWith500();
    }

    /** Every answer comes after the given delay. */
    public void slow(String key, Duration delay) {
        world.faultBoard().at(world.endpoint(key).address()).slow(delay);
    }

    /** Nothing listens on the director's API address: connections are refused. */
    public void cutOff(String key) {
        world.faultBoard().at(world.endpoint(key).address()).cutOff(true);
    }

    /** Removes every API fault of that director. */
    public void heal(String key) {
        world.faultBoard().at(world.endpoint(key).address()).heal();
    }

    /**
     * The director's postgres goes down (stopped, crashed or its data directory gone) while the director runs:
     * `/info` still answers (the uuid was read at start, bosh `director/config.rb`), every route that reads the
     * database answers 500 with an empty body (bosh `api/controllers/base_controller.rb`: an error that is not a
     * `DirectorError`), its workers and the token endpoint of its UAA fail.
     */
    public void stopDatabase(String key) {
        world.director(key).db().serverStopped();
    }

    /**
     * Process mode: the director VM's postgres hangs (stuck in I/O) and hears no signal but SIGKILL, so that a
     * `monit stop` (bpm stop: INT, 15 s, QUIT, 2 s, kill) kills it: its cluster stays "in production" and its
     * postmaster.pid stays, saying 2. It still serves the director until then.
     */
    public void hangPostgres(String key) {
        String cid = world.directorVm(key).orElseThrow().cid();
        var host = world.processHostOf(cid).orElseThrow(() -> new IllegalStateException("not in process mode"));
        try {
            java.nio.file.Files.writeString(host.dir().run().resolve("postgres-hangs"), "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Postgres is back: the director reads and writes its database again. */
    public void startDatabase(String key) {
        world.director(key).db().serverStarted();
    }

    /**
     * Nothing listens on the director's UAA (its own job and port, bosh-deployment uaa.yml): no token can be had,
     * while the director's API goes on answering. {@link #healUaa} undoes it.
     */
    public void cutOffUaa(String key) {
        world.faultBoard().at(uaaAddress(key)).cutOff(true);
    }

    public void healUaa(String key) {
        world.faultBoard().at(uaaAddress(key)).heal();
    }

    private String uaaAddress(String key) {
        var director = world.director(key).config();
        if (!director.uaa()) {
            throw new IllegalArgumentException("director " + key + " has no UAA");
        }
        return director.address() + ":" + director.uaaServer().port();
    }
}
