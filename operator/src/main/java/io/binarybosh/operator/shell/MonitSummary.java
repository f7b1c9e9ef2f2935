package io.binarybosh.operator.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code monit summary}, in the table layout of monit 5.26 and later and in the older one
 * ({@code Process 'director'   running}), into process name and status.
 */
public final class MonitSummary {

    private static final Pattern OLD = Pattern.compile("^\\s*Process '([^']+)'\\s+(.+?)\\s*$");

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
            }
        }
        return processes;
    }

    /** Every process is stopped ("Not monitored", in any case), and there is one at least: an empty summary proves nothing. */
    public static boolean allStopped(String summary) {
        Map<String, String> processes = processes(summary);
        return !processes.isEmpty() && processes.values().stream()
                .allMatch(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("not monitored"));
    }
}
