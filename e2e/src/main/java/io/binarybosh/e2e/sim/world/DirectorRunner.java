package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.agent.JobProcess;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.DirectorTether;
import io.binarybosh.e2e.sim.process.ProcessHosting;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** How the jobs of a director VM run: as an object in this JVM, or under a real monit as an OS process. */
@FunctionalInterface
interface DirectorRunner {
    JobProcess run(Vm vm, DirectorJobFiles files, String postgresDirectory, Supplier<Director> director,
                   Consumer<Director> started,
                   Consumer<Director> stopped);

    /** No VM file system in this mode: the job's rendered files are nowhere to be read. */
    static DirectorRunner inJvm() {
        return (vm, files, postgresDirectory, factory, started, stopped) -> {
            Director director = factory.get();
            director.start();
            started.accept(director);
            return new DirectorProcess(director, () -> stopped.accept(director));
        };
    }

    static DirectorRunner underMonit(ProcessHosting hosting) {
        // the director's database is monit's postgres on the same VM: it answers while that process runs
        return (vm, files, postgresDirectory, factory, started, stopped) -> {
            hosting.renderDirectorJob(vm.cid(), files.directorYml(), files.directorPem());
            return hosting.startDirectorJobs(vm.cid(), postgresDirectory, new DirectorTether.Slot(() -> {
                Director director = factory.get();
                director.postgresServer(() -> hosting.postgresRunning(vm.cid()));
                return director;
            }, started, stopped));
        };
    }
}
