package io.binarybosh.e2e.bench;

import java.nio.file.Path;

/** One measurement of the operator; each starts and closes whatever it needs (world, API server, operator). */
interface Benchmark {

    /** The name used by {@code --only} and as the section's key in results.json. */
    String id();

    Section run(BenchOptions options, Path workDir) throws Exception;
}
