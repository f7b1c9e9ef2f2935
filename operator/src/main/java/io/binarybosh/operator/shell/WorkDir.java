package io.binarybosh.operator.shell;

import java.util.ArrayList;
import java.util.List;

import static io.binarybosh.operator.shell.VmCommands.quote;

/**
 * The folder on a director VM where a migration keeps the copy key, the pinned host key, rsync's logs and the
 * checksum listings: {@value #PARENT}/&lt;operation id&gt;, made by root with mode 0700.
 *
 * <p>Not in /tmp: anyone on the VM can create a name there first (a symlink root would then write through).
 * /var/vcap/data is the ephemeral disk, which the agent, as root, mounts at a folder it makes with mode 0750
 * (bosh-agent platform/linux_platform.go: {@code ephemeralDiskPermissions}; its {@code SetupDataDir} makes the
 * {@code sys} and {@code jobs} folders in it root:vcap 0750); bosh-linux-stemcell-builder
 * stages/bosh_harden/apply.sh makes /tmp 0770 and tells jobs to use /var/vcap/data/tmp. /var/vcap/bosh (made by
 * the stemcell build as root, stages/bosh_go_agent/apply.sh) is root-only too, but on the small root disk, and
 * rsync's log grows with the copy.
 *
 * <p>Before use every folder on the path is checked: no symlink, owned by root (the user running the script) and
 * writable by no one else; the last two, {@value #PARENT} and the operation's, are made when missing and must be
 * exactly mode 0700. A path that fails a check is refused (exit 6), never repaired: someone else made it.
 */
public final class WorkDir {

    public static final String PARENT = "/var/vcap/data/binarybosh";

    private WorkDir() {
    }

    /** The operation's working folder on a director VM. */
    public static String of(String operationId) {
        if (operationId == null || !operationId.matches("[A-Za-z0-9._-]+") || operationId.startsWith(".")) {
            throw new IllegalArgumentException("not an operation id: '" + operationId + "'");
        }
        return PARENT + "/" + operationId;
    }

    /** Shell text that makes {@code dir} (and its parent) private as described above, or exits 6 saying why. */
    static String ensure(String dir) {
        List<String> path = components(dir);
        StringBuilder script = new StringBuilder("u=$(id -u); refuse() { echo \"binarybosh: refusing $1: $2\" >&2; "
                + "exit 6; }; umask 077; ");
        for (int i = 0; i < path.size(); i++) {
            String d = quote(path.get(i));
            boolean own = i >= path.size() - 2;
            script.append("[ -e ").append(d).append(" ] || [ -L ").append(d).append(" ] || mkdir -m 0700 ").append(d)
                    .append(" || refuse ").append(d).append(" 'cannot create it'; ")
                    .append("[ -L ").append(d).append(" ] && refuse ").append(d).append(" 'a symlink'; ")
                    .append("[ -d ").append(d).append(" ] || refuse ").append(d).append(" 'not a folder'; ")
                    .append("set -- $(stat -c '%u %a' ").append(d).append("); ");
            if (own) {
                script.append("[ \"$1 $2\" = \"$u 700\" ] || refuse ").append(d)
                        .append(" \"owner $1 mode $2, not $u 700\"; ");
            } else {
                script.append("{ [ \"$1\" = 0 ] || [ \"$1\" = \"$u\" ]; } && [ $((0$2 & 022)) = 0 ] || refuse ")
                        .append(d).append(" \"owner $1 mode $2: another user can write in it\"; ");
            }
        }
        return script.toString();
    }

    /** "/", "/a", "/a/b", ... "/a/b/c" for "/a/b/c". */
    private static List<String> components(String dir) {
        if (!dir.startsWith("/") || dir.contains("/../") || dir.endsWith("/..") || dir.contains("//")) {
            throw new IllegalArgumentException("not an absolute plain path: '" + dir + "'");
        }
        List<String> path = new ArrayList<>(List.of("/"));
        StringBuilder at = new StringBuilder();
        for (String part : dir.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            at.append('/').append(part);
            path.add(at.toString());
        }
        if (path.size() < 3) {
            throw new IllegalArgumentException("a working folder needs a parent of its own: '" + dir + "'");
        }
        return path;
    }
}
