package io.binarybosh.operator.shell;

import static io.binarybosh.operator.shell.VmCommands.ASIDE_PREFIX;
import static io.binarybosh.operator.shell.VmCommands.quote;

/** Shell text of a store's listings: its fingerprint and its checksum listing. */
final class ListingScripts {

    /** Files larger than this are hashed one per process in the parallel listing. */
    static final int LARGE_FILE_MIB = 8;
    /** Smaller files are hashed this many to a process: starting one costs milliseconds on a VM. */
    static final int SMALL_FILES_PER_PROCESS = 256;

    private ListingScripts() {
    }

    /**
     * One SHA-256 of every entry's type, size, modification and change times, mode, owner and path, without reading
     * contents: cheap, and different as soon as anything in the store was written, created, removed or renamed (the
     * change time also when a writer set the modification time back).
     */
    static String fingerprint(String store) {
        return "cd " + quote(store) + " && " + find() + "-printf "
                + "'%y %s %T@ %C@ %m %U %G %p\\n' | LC_ALL=C sort | sha256sum | cut -d ' ' -f 1";
    }

    /**
     * The store's listing, reduced to one SHA-256 and a file count: the files' hash lines sorted bytewise, so that
     * the listing is the same however they were made, then every other entry's path. With {@code parallel}, one
     * hashing process per CPU of the VM, each writing its lines to a file of its own (lines from processes sharing a
     * pipe could interleave): files over {@value #LARGE_FILE_MIB} MiB one per process, so that a store's few large
     * blobs spread over the CPUs, then the others {@value #SMALL_FILES_PER_PROCESS} at a time; used after the copy,
     * when the VM has nothing else to do.
     */
    static String checksum(String store, ChecksumTool tool, boolean parallel) {
        String hashes;
        if (parallel) {
            // named by the pid: no two hashing processes share one at a time, and one reused later appends
            String hashInto = " sh -c 'exec " + tool.command() + " \"$@\" >> \"$0/$$\"' \"$parts\"";
            String small = find() + "-type f ! -size +" + LARGE_FILE_MIB + "M -print0 | xargs -0r -P \"$(nproc)\" -n "
                    + SMALL_FILES_PER_PROCESS + hashInto;
            String large = find() + "-type f -size +" + LARGE_FILE_MIB + "M -print0 | xargs -0r -P \"$(nproc)\" -n 1"
                    + hashInto;
            hashes = large + "; " + small + "; cat \"$parts\"/* 2> /dev/null | LC_ALL=C sort";
        } else {
            hashes = find() + "-type f -print0 | LC_ALL=C sort -z | xargs -0r " + tool.command() + " | LC_ALL=C sort";
        }
        return "command -v " + tool.command() + " > /dev/null || exit 127; cd " + quote(store) + " || exit 3; "
                + (parallel ? "parts=$(mktemp -d) || exit 4; trap 'rm -rf \"$parts\"' EXIT; trap 'exit 143' TERM INT; "
                        : "")
                + "{ " + hashes + "; " + find() + "! -type f -print | LC_ALL=C sort; } | sha256sum | cut -d ' ' -f 1; "
                + find() + "-type f -print | wc -l";
    }

    private static String find() {
        return "find . -path './" + ASIDE_PREFIX + "*' -prune -o ";
    }
}
