package io.binarybosh.operator.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where an rsync copy stands, from {@link VmCommands#copyLook}: exit code (null while unknown), process, progress. */
public record RsyncProgress(Integer exitCode, String process, Long bytes, Long files, String rate, String lastLine,
                            boolean noSpace) {

    /** The line {@link VmCommands#copyLook} prints when the attempt's log holds ENOSPC's message. */
    public static final String NO_SPACE = "binarybosh: rsync found no space left on device";

    /** {@code 1,234,567  45%  10.00MB/s  0:00:05 (xfr#3, to-chk=10/20)}, as --info=progress2 prints it. */
    private static final Pattern PROGRESS = Pattern.compile(
            "^\\s*([\\d,.]+)\\s+(\\d+)%\\s+(\\S+/s)\\s+\\S+(?:\\s+\\(xfr#(\\d+),.*\\))?\\s*$");

    public static RsyncProgress parse(String output) {
        String[] lines = output.split("\\R");
        Integer exit = null;
        if (lines.length > 0 && !lines[0].trim().equals("-") && !lines[0].isBlank()) {
            try {
                exit = Integer.parseInt(lines[0].trim());
            } catch (NumberFormatException e) {
                exit = -1;
            }
        }
        String process = lines.length > 1 ? lines[1].trim() : "none";
        Long bytes = null;
        Long files = null;
        String rate = null;
        String last = null;
        boolean noSpace = false;
        for (int i = 2; i < lines.length; i++) {
            if (lines[i].trim().equals(NO_SPACE)) {
                noSpace = true;
                continue;
            }
            last = lines[i].trim();
            Matcher m = PROGRESS.matcher(lines[i]);
            if (m.matches()) {
                bytes = Long.parseLong(m.group(1).replace(",", "").replace(".", ""));
                rate = m.group(3);
                files = m.group(4) == null ? files : Long.valueOf(m.group(4));
            }
        }
        return new RsyncProgress(exit, process, bytes, files, rate, last, noSpace);
    }

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }

    /** Ended badly, or its process is gone without an exit code (killed with its shell, or the VM restarted). */
    public boolean failed() {
        return exitCode != null && exitCode != 0 || exitCode == null && "dead".equals(process);
    }

    public boolean notStarted() {
        return exitCode == null && "none".equals(process);
    }
}
