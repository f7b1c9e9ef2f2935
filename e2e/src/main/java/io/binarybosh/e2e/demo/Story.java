package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.MigrationStatus;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The acts after the pair is applied: the migration the operator does, then one director killed at a time and
 * resurrected by the other's health monitor. It acts only on the world (killing VMs) and waits on what the world
 * and the pair show; the narrator tells the operator's side.
 */
final class Story {

    private static final Duration MIGRATION = Duration.ofMinutes(5);

    private final Console console;
    private final World world;
    private final Supplier<PairView> pair;
    private final Duration pause;
    private final String lookCommand;
    private final Narrator narrator;

    Story(Console console, World world, Supplier<PairView> pair, Narrator narrator, Duration pause,
          String lookCommand) {
        this.console = console;
        this.world = world;
        this.pair = pair;
        this.narrator = narrator;
        this.pause = pause;
        this.lookCommand = lookCommand;
    }

    void tell() throws InterruptedException {
        migration();
        interlude();
        resurrection("primary", "meta");
        interlude();
        resurrection("meta", "primary");
        console.act("The end: Primary and Meta manage each other; the Micro is retired");
    }

    private void migration() throws InterruptedException {
        console.act("The migration: preflight, quiesce, copy, hand-over, Primary adopted by Meta");
        String primaryCid = world.directorVm("primary").map(Vm::cid).orElse("?");
        Waits.until("Migrated=True", MIGRATION, () -> pair.get().is("Migrated", "True"));
        Waits.until("MutuallyManaged=True and Ready=True", MIGRATION,
                () -> pair.get().is("MutuallyManaged", "True") && pair.get().is("Ready", "True"));
        narrator.catchUp();
        PairView view = pair.get();
        MigrationStatus migration = view.migration().orElseThrow();
        String metaUuid = view.director("meta").map(DirectorStatus::getUuid).orElse("?");
        if (!metaUuid.equals(migration.getSourceUuid())) {
            throw new DemoFailure("Meta answers with uuid " + metaUuid + ", not the Micro's " + migration.getSourceUuid());
        }
        console.say("Meta now runs on the Micro's store: it answers with the Micro's director uuid " + metaUuid);
        console.say("copy verified: both stores hash to " + abbreviated(migration.getSourceChecksum()));
        console.say("Primary was recreated by Meta: VM " + primaryCid + " -> "
                + world.directorVm("primary").map(Vm::cid).orElse("?") + ", its agent now reports to Meta");
        console.say("the Micro is fenced: its processes stopped, its store moved aside to "
                + migration.getMicroStoreAside());
    }

    /** Kills {@code victim}'s VM and waits for {@code rescuer}'s health monitor to bring it back. */
    private void resurrection(String victim, String rescuer) throws InterruptedException {
        console.act("Kill " + title(victim) + "'s VM: " + title(rescuer) + "'s health monitor resurrects it");
        String deployment = world.endpoint(victim).deployment();
        int fixesBefore = scanAndFixes(rescuer, deployment);
        String cid = world.directorVm(victim).map(Vm::cid).orElseThrow();
        List<String> deployments = deployments(victim);
        world.faults().killDirectorVm(victim);
        console.say("killed VM " + cid + ": " + title(victim) + "'s director, monit and sshd are gone");
        Duration bound = world.timings().seconds(30 + 60 + 60 + 60 + 60).plusSeconds(60);
        Waits.until(title(rescuer) + "'s health monitor to scan and fix " + deployment, bound,
                () -> scanAndFixes(rescuer, deployment) > fixesBefore);
        console.say(title(rescuer) + "'s health monitor found " + deployment + "'s agent gone: scan and fix");
        Waits.until(title(victim) + " to run on a new VM", bound, () -> world.runningDirector(victim).isPresent()
                && !world.directorVm(victim).map(Vm::cid).orElse(cid).equals(cid));
        console.say(title(victim) + " answers again on VM " + world.directorVm(victim).map(Vm::cid).orElse("?")
                + ", with the store of its persistent disk");
        String healthy = title(victim) + "Healthy";
        Waits.until(healthy + "=True and MutuallyManaged=True", bound,
                () -> pair.get().is(healthy, "True") && pair.get().is("MutuallyManaged", "True"));
        Waits.until(title(victim) + " to list " + deployments + " again", bound,
                () -> deployments(victim).equals(deployments));
        narrator.catchUp();
        console.say("the operator sees the pair whole again, and " + title(victim) + " holds " + deployments
                + " as before: nothing lost");
    }

    /** The deployments the director holds, as the operator last read them. */
    private List<String> deployments(String director) {
        return pair.get().director(director).map(DirectorStatus::getDeployments).orElse(List.of());
    }

    private int scanAndFixes(String director, String deployment) {
        return (int) world.director(director).healthMonitor().scanAndFixRequests().stream()
                .filter(request -> request.startsWith(deployment + " ")).count();
    }

    private void interlude() throws InterruptedException {
        if (!pause.isZero()) {
            console.say("(a pause of " + pause.toSeconds() + " s to look: " + lookCommand + ")");
            Thread.sleep(pause.toMillis());
        }
    }

    private static String abbreviated(String checksum) {
        return checksum == null || checksum.length() < 16 ? String.valueOf(checksum) : checksum.substring(0, 16) + "...";
    }

    private static String title(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
