package io.binarybosh.e2e.sim.iaas;

import java.nio.file.Path;

/** Boots the machine behind a new VM: a host key only (in-JVM worlds) or a folder with a real sshd (process mode). */
@FunctionalInterface
public interface VmHosting {
    VmHost boot(String cid, String address, Path diskPath);

    /** CPI {@code create_disk}: the disk's folder exists; hosting may give it a file system of that size. */
    default void diskCreated(Path diskPath, int sizeMb) {
    }

    /** CPI {@code delete_disk}, before its folder is removed. */
    default void diskDeleted(Path diskPath) {
    }

    /** Machines that are only a fresh host key and a user list: nothing listens, nothing runs. */
    static VmHosting keysOnly() {
        return (cid, address, disk) -> new KeyOnlyHost(HostKeys.newRsaPublicKey(cid));
    }
}
