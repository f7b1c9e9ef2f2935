package io.binarybosh.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the whole process and of each live thread at one instant. The operator runs in the same JVM as the
 * simulated directors and the Kubernetes API, so its share is the CPU of its own threads, told apart by name
 * ({@link ThreadGroups}); a thread that ends between two snapshots loses its time, so the shares undercount a little.
 */
record CpuSnapshot(long processCpuNanos, Map<Long, ThreadSample> threads) {

    record ThreadSample(String name, long cpuNanos) {
    }

    static CpuSnapshot take() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadSample> threads = new HashMap<>();
        for (long id : bean.getAllThreadIds()) {
            long cpu = bean.getThreadCpuTime(id);
            ThreadInfo info = bean.getThreadInfo(id);
            if (cpu >= 0 && info != null) {
                threads.put(id, new ThreadSample(info.getThreadName(), cpu));
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuSnapshot(os.getProcessCpuTime(), threads);
    }

    /** CPU nanoseconds spent since {@code before}, by thread group, plus {@code "process"} for the whole JVM. */
    Map<String, Long> since(CpuSnapshot before) {
        Map<String, Long> byGroup = new TreeMap<>();
        threads.forEach((id, now) -> {
            ThreadSample then = before.threads().get(id);
            long spent = now.cpuNanos() - (then == null ? 0 : then.cpuNanos());
            byGroup.merge(ThreadGroups.of(now.name()), spent, Long::sum);
        });
        byGroup.put("process", processCpuNanos - before.processCpuNanos());
        return byGroup;
    }

    /**
     * CPU nanoseconds since {@code before} of the busiest threads, by name with numbers folded ({@code
     * director-api-#.#.#.#-#}), so that a reader can check which threads each group holds.
     */
    Map<String, Long> busiestSince(CpuSnapshot before, int limit) {
        Map<String, Long> byName = new HashMap<>();
        threads.forEach((id, now) -> {
            ThreadSample then = before.threads().get(id);
            long spent = now.cpuNanos() - (then == null ? 0 : then.cpuNanos());
            byName.merge(ThreadGroups.of(now.name()) + ": " + now.name().replaceAll("\\d+", "#"), spent, Long::sum);
        });
        Map<String, Long> busiest = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> busiest.put(e.getKey(), e.getValue()));
        return busiest;
    }
}
