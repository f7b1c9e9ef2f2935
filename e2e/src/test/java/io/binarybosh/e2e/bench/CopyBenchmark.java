package io.binarybosh.e2e.bench;

import java.nio.file.Path;

/**
 * Where the migration's copy benchmark goes: the operator's copy and verification of a store of at least 1 GiB,
 * against plain {@code rsync -a} over the same SSH link between two process-mode VMs, as a ratio. The bootstrap
 * migration that copies is not on this branch yet, so this benchmark reports that and gives no figure.
 */
final class CopyBenchmark implements Benchmark {

    @Override
    public String id() {
        return "copy";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) {
        return Section.notMeasured(id(), "Migration copy (1 GiB store) against rsync -a",
                "Not yet measured: the bootstrap migration (which copies Micro's store onto Meta) is not in this "
                        + "branch. When it is, this benchmark runs it against a process-mode world with a 1 GiB "
                        + "store and compares it with `rsync -a` over the same SSH link.");
    }
}
