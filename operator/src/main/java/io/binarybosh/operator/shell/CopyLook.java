package io.binarybosh.operator.shell;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What one {@link VmCommands#copyLook} printed: the attempt's progress, Meta's report (monit's summary, a
 * {@link VmCommands#PART} line, the store's postgres state) and, for an attempt that never started, the probe's output
 * ({@link RsyncServerCommand#parse}).
 */
public record CopyLook(RsyncProgress progress, String report, Optional<String> probe) {

    public static CopyLook parse(String output) {
        List<String> lines = output.lines().toList();
        List<Integer> parts = IntStream.range(0, lines.size()).filter(i -> lines.get(i).equals(VmCommands.PART))
                .boxed().toList();
        if (parts.size() < 2) {
            throw new ShellException("the look at the copy came without the lines between its parts");
        }
        int reportEnd = parts.size() > 2 ? parts.get(2) : lines.size();
        Optional<String> probe = parts.size() > 2 ? Optional.of(join(lines.subList(reportEnd + 1, lines.size())))
                : Optional.empty();
        return new CopyLook(RsyncProgress.parse(join(lines.subList(0, parts.get(0)))),
                join(lines.subList(parts.get(0) + 1, reportEnd)), probe);
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
