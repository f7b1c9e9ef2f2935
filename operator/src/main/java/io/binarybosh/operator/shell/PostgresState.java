package io.binarybosh.operator.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The postgres data directories of a store, as {@link VmCommands#postgresState} prints them. Whether a cluster
 * was shut down cleanly is what {@code pg_controldata} says: under bpm, postgres runs in its own PID namespace,
 * so the PID in {@code postmaster.pid} (2) names nothing on the VM and proves nothing.
 */
public record PostgresState(List<DataDirectory> directories) {

    /** What {@code pg_controldata} printed as "Database cluster state", or this when it could not be read. */
    public static final String UNKNOWN = "unknown";

    /** One {@code postgres-N} directory: whether it holds data, has a postmaster.pid, and its cluster state. */
    public record DataDirectory(String name, boolean hasData, boolean pidFile, String clusterState) {

        /** "shut down" (or, for a standby, "shut down in recovery"): nothing was left unwritten. */
        public boolean cleanlyShutDown() {
            return clusterState.startsWith("shut down");
        }

        /** A postgres runs on it, or died without shutting down: either way it is no copy source. */
        public boolean notShutDown() {
            return hasData && !cleanlyShutDown();
        }

        @Override
        public String toString() {
            return name + " (cluster state '" + clusterState + "'" + (pidFile ? ", postmaster.pid present" : "") + ")";
        }
    }

    public static PostgresState parse(String output) {
        List<DataDirectory> directories = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] f = line.trim().split("\\|", -1);
            if (f.length == 4 && f[0].startsWith("postgres-")) {
                directories.add(new DataDirectory(f[0], "data".equals(f[1]), "pidfile".equals(f[2]),
                        f[3].isBlank() ? UNKNOWN : f[3].trim()));
            }
        }
        return new PostgresState(List.copyOf(directories));
    }

    /** The current data directory: the highest postgres-N holding data (an older one is what pre-start upgrades). */
    public Optional<DataDirectory> current() {
        return directories.stream().filter(DataDirectory::hasData).max(Comparator.comparingDouble(PostgresState::major));
    }

    /** The data directories that were not shut down cleanly. */
    public List<DataDirectory> notShutDown() {
        return directories.stream().filter(DataDirectory::notShutDown).toList();
    }

    /**
     * Whether a director whose store holds these directories starts on a copied {@code source}: the same major,
     * or postgres-13, which the postgres job's pre-start upgrades to postgres-15
     * (bosh:jobs/postgres/templates/pre-start.erb).
     */
    public static boolean startsOn(String source, List<String> targetDirectories) {
        return targetDirectories.contains(source)
                || ("postgres-13".equals(source) && targetDirectories.contains("postgres-15"));
    }

    public static double major(DataDirectory d) {
        return major(d.name());
    }

    public static double major(String directory) {
        try {
            return Double.parseDouble(directory.substring("postgres-".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
