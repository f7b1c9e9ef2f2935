package io.binarybosh.operator.shell;

import java.util.ArrayList;
import java.util.List;

/** The postgres data directories of a store, as {@link VmCommands#postgresState} prints them. */
public record PostgresState(List<DataDirectory> directories) {

    /** One {@code postgres-N} directory: {@code running}, {@code stale} (a postmaster.pid with no process) or {@code stopped}. */
    public record DataDirectory(String name, String state, String pid, boolean hasData) {

        public boolean running() {
            return "running".equals(state);
        }

        public boolean cleanlyShutDown() {
            return "stopped".equals(state);
        }
    }

    public static PostgresState parse(String output) {
        List<DataDirectory> directories = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[0].startsWith("postgres-")) {
                directories.add(new DataDirectory(f[0], f[1], f[2], "data".equals(f[3])));
            }
        }
        return new PostgresState(List.copyOf(directories));
    }

    /**
     * The current data directory: the one the director's postgres runs on, or else the highest postgres-N holding
     * data (an older one is what pre-start upgrades).
     */
    public java.util.Optional<DataDirectory> current() {
        java.util.Comparator<DataDirectory> byMajor = java.util.Comparator.comparingDouble(PostgresState::major);
        java.util.Optional<DataDirectory> running = directories.stream().filter(DataDirectory::running).max(byMajor);
        return running.isPresent() ? running : directories.stream().filter(DataDirectory::hasData).max(byMajor);
    }

    public boolean anyRunning() {
        return directories.stream().anyMatch(DataDirectory::running);
    }

    private static double major(DataDirectory d) {
        try {
            return Double.parseDouble(d.name().substring("postgres-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
