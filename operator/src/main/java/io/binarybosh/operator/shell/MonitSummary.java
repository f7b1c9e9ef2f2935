package io.binarybosh.operator.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code monit summary} into process name and status: the table of monit 5.26 and later, with its borders
 * (on a terminal) or without (through ssh without a terminal), and the older layout
 * ({@code Process 'director'   running}).
 */
public final class MonitSummary {

    private static final Pattern OLD = Pattern.compile("^\\s*Process '([^']+)'\\s+(.+?)\\s*$");
    /** The table without its borders, as monit prints it when its output is not a terminal. */
    private static final Pattern PLAIN = Pattern.compile("^\\s*(\\S+)\\s+(.+?)\\s+Process\\s*$");

    private MonitSummary() {
    }

    public static Map<String, String> processes(String summary) {
        Map<String, String> processes = new LinkedHashMap<>();
        for (String line : summary.split("\\R")) {
            Matcher old = OLD.matcher(line);
            if (old.matches()) {
                processes.put(old.group(1), old.group(2));
                continue;
            }
            String[] cells = line.split("[│|]");
            if (cells.length >= 4 && "Process".equals(cells[3].trim())) {
                processes.put(cells[1].trim(), cells[2].trim());
                continue;
            }
            Matcher plain = PLAIN.matcher(line);
            if (plain.matches()) {
                processes.put(plain.group(1), plain.group(2));
            }
        }
        return processes;
    }

    /** Every process is stopped ("Not monitored", in any case), and there is one at least: an empty summary proves nothing. */
    public static boolean allStopped(String summary) {
        Map<String, String> processes = processes(summary);
        return !processes.isEmpty() && processes.values().stream()
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .allMatch(s -> s.startsWith("not monitored") && !s.contains("pending"));
    }
}
