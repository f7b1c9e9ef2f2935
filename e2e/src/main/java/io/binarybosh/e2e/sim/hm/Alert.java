package io.binarybosh.e2e.sim.hm;

import java.time.Instant;

/** An alert the health monitor emitted (severity 1 is alert, 2 critical, 4 warning). */
public record Alert(int severity, String category, String title, Instant createdAt) {
}
