package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process-mode world leaves on the machine if its JVM dies without closing it: store bind mounts and the
 * processes of its VMs (users, sudoers and host keys live in each VM's own /etc overlay, inside the world's
 * folder, so the machine's user database is never touched). A world marks its folder with its JVM's pid; a new
 * world sweeps the mounts and processes of every folder whose owner is gone, and only those.
 */
final class Leftovers {
    private static final String OWNER = "binary-bosh-world.owner";
    private static final Pattern STORE_MOUNT = Pattern.compile("^(.*)/vms/[^/]+/var/vcap/store$");
    /** A sized disk (tmpfs) of the world whose hosts folder is {@code group(1)/hosts}. */
    private static final Pattern DISK_MOUNT = Pattern.compile("^(.*)/iaas/disks/disk-[^/]+$");

    private Leftovers() {
    }

    static void claim(Path root) throws IOException {
        Files.writeString(root.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
    }

    static void release(Path root) {
        try {
            Files.deleteIfExists(root.resolve(OWNER));
        } catch (IOException e) {
            // the folder goes with the world; a stale owner file names a dead pid and is swept then
        }
    }

    /** Unmounts and kills what dead worlds left behind. */
    static void sweep() {
        for (String mount : storeMounts()) {
            Matcher m = STORE_MOUNT.matcher(mount);
            if (m.matches() && !ownerAlive(Path.of(m.group(1)))) {
                ProcessSweep.kill(Path.of(m.group(1)).resolve("vms").toString());
                SshHost.unmount(Path.of(mount));
            }
        }
        for (String mount : mounts(DISK_MOUNT)) {
            Matcher m = DISK_MOUNT.matcher(mount);
            if (m.matches() && !ownerAlive(Path.of(m.group(1)).resolve("hosts"))) {
                SshHost.unmount(Path.of(mount));
            }
        }
    }

    /** The sized disks of the world whose hosts folder is {@code hostsRoot}. */
    static void unmountDisksOf(Path hostsRoot) {
        String prefix = hostsRoot.resolveSibling("iaas").resolve("disks").toString() + "/";
        mounts(DISK_MOUNT).stream().filter(m -> m.startsWith(prefix)).forEach(m -> SshHost.unmount(Path.of(m)));
    }

    /** Every store mount under that world's folder (a VM whose destroy was never reached). */
    static void unmountUnder(Path root) {
        String prefix = root.resolve("vms").toString() + "/";
        storeMounts().stream().filter(m -> m.startsWith(prefix)).forEach(m -> SshHost.unmount(Path.of(m)));
    }

    private static boolean ownerAlive(Path root) {
        try {
            long pid = Long.parseLong(Files.readString(root.resolve(OWNER)).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            // a world claims its folder before it mounts anything: mounts without an owner are a dead world's
            return false;
        }
    }

    private static List<String> storeMounts() {
        return mounts(STORE_MOUNT);
    }

    private static List<String> mounts(Pattern pattern) {
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && pattern.matcher(unescape(f[4])).matches()) {
                    mounts.add(unescape(f[4]));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return mounts;
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
