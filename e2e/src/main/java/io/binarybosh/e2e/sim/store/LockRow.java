package io.binarybosh.e2e.sim.store;

/** A `lock:deployment:<name>` row; `expiresAtMillis` is renewed while the holding task runs. */
public record LockRow(String name, String type, String resource, long expiresAtMillis, long taskId, String uid) {
    public LockRow renewed(long until) {
        return new LockRow(name, type, resource, until, taskId, uid);
    }
}
