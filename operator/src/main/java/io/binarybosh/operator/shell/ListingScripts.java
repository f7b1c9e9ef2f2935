package io.binarybosh.operator.shell;

import static io.binarybosh.operator.shell.VmCommands.ASIDE_PREFIX;
import static io.binarybosh.operator.shell.VmCommands.quote;

/**
 * Shell text of a store's listings: its fingerprint, its checksum listing, and the hashes of the copy's large files
 * made on the target while rsync still runs, which the listing after the copy takes instead of reading those files
 * again when they have not changed since.
 *
 * <p>An early hash is recorded only when the file's inode, size and change time (as {@code stat} prints them) are
 * the same before and after it was read, and used only when they are still the same, and the name too, as the
 * listing reads them. Any write, rename or replacement changes the change time (rsync puts every file in place by
 * renaming a finished temporary file), so a hash taken is the hash the listing would compute: every byte of the
 * store is still read after it was written, as the fingerprint taken before the listing guards the rest.
 */
final class ListingScripts {

    /** Files larger than this are hashed one per process in the parallel listing, and early while the copy runs. */
    static final int LARGE_FILE_MIB = 8;
    /** Smaller files are hashed this many to a process: starting one costs milliseconds on a VM. */
    static final int SMALL_FILES_PER_PROCESS = 256;
    /** The early hashes stop taking new files once this is in their folder: rsync has ended. */
    static final String EARLY_STOP = "stop";
    /** A file's identity in an early hash's record: inode, size and change time. */
    private static final String STAT = "stat -c '%i %s %z' -- \"$f\"";

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
     * when the VM has nothing else to do. With {@code early} (parallel only), a large file's hash recorded there by
     * {@link #earlyHashes} is taken when the file is still as it was hashed.
     */
    static String checksum(String store, ChecksumTool tool, boolean parallel, String early) {
        String hashes;
        if (parallel) {
            // named by the pid: no two hashing processes share one at a time, and one reused later appends
            String hashInto = " sh -c 'exec " + tool.command() + " \"$@\" >> \"$0/$$\"' \"$parts\"";
            String small = find() + "-type f ! -size +" + LARGE_FILE_MIB + "M -print0 | xargs -0r -P \"$(nproc)\" -n "
                    + SMALL_FILES_PER_PROCESS + hashInto;
            String large = find() + "-type f -size +" + LARGE_FILE_MIB + "M -print0 | ";
            if (early == null) {
                large += "xargs -0r -P \"$(nproc)\" -n 1" + hashInto;
            } else {
                large += "xargs -0r sh -c " + quote(takeEarly()) + " \"$parts\" " + quote(early) + " \"$misses\" && "
                        + "xargs -0r -P \"$(nproc)\" -n 1" + hashInto + " < \"$misses\"";
            }
            hashes = large + "; " + small + "; cat \"$parts\"/* 2> /dev/null | LC_ALL=C sort";
        } else {
            hashes = find() + "-type f -print0 | LC_ALL=C sort -z | xargs -0r " + tool.command() + " | LC_ALL=C sort";
        }
        return "command -v " + tool.command() + " > /dev/null || exit 127; cd " + quote(store) + " || exit 3; "
                + (!parallel ? "" : early == null ? "parts=$(mktemp -d) || exit 4; trap 'rm -rf \"$parts\"' EXIT; "
                        + "trap 'exit 143' TERM INT; " : "parts=$(mktemp -d) || exit 4; misses=$(mktemp) || exit 4; "
                        + "trap 'rm -rf \"$parts\"; rm -f \"$misses\" \"$misses.stat\"' EXIT; "
                        + "trap 'exit 143' TERM INT; ")
                + "{ " + hashes + "; " + find() + "! -type f -print | LC_ALL=C sort; } | sha256sum | cut -d ' ' -f 1; "
                + find() + "-type f -print | wc -l";
    }

    /**
     * Hashes the store's large files into {@code early} while the process whose pid is in {@code $pidVariable}
     * runs, a pass every half second over the files not yet hashed as they are now, each file once its name holds
     * it (rsync's temporary {@code .name.XXXXXX} files are left alone); at the lowest CPU priority, so that rsync
     * never waits for it. Once {@value #EARLY_STOP} is in {@code early}, what is left of a pass does nothing. A name
     * the tool would print escaped (a backslash or a line break in it) is left to the listing.
     */
    static String earlyHashes(String store, ChecksumTool tool, String early, String pidVariable) {
        String loop = "cd " + quote(store) + " || exit 0; while kill -0 \"$1\" 2> /dev/null; do " + find() + "-type f "
                + "-size +" + LARGE_FILE_MIB + "M ! -name '.*.??????' -print0 | xargs -0r -P \"$(nproc)\" -n 1 sh -c "
                + quote(hashEarly(tool)) + " " + quote(early) + "; sleep 0.5; done";
        return "idle=; command -v chrt > /dev/null && idle='chrt -i 0'; $idle nice -n 19 sh -c " + quote(loop)
                + " early-hashes \"$" + pidVariable + "\"";
    }

    /** One file ({@code $1}) hashed into the record named by its inode in {@code $0}, unless recorded as it is. */
    private static String hashEarly(ChecksumTool tool) {
        return "[ -f \"$0/" + EARLY_STOP + "\" ] && exit 0; f=$1; s=$(" + STAT + ") || exit 0; r=\"$0/${s%% *}\"; "
                + "if [ -f \"$r\" ]; then IFS= read -r a < \"$r\"; [ \"$a\" = \"$s\" ] && exit 0; fi; "
                + "h=$(" + tool.command() + " \"$f\") || exit 0; case $h in '\\'*) exit 0;; esac; "
                + "[ \"$(" + STAT + ")\" = \"$s\" ] && [ ! -f \"$0/" + EARLY_STOP + "\" ] || exit 0; "
                + "printf '%s\\n%s\\n%s\\n' \"$s\" \"$f\" \"$h\" > \"$r.tmp\" && mv \"$r.tmp\" \"$r\"";
    }

    /**
     * The large files given ({@code $3...}) into the listing's part {@code $0/early}: for each, the line recorded in
     * {@code $1} when its inode, size, change time and name are as recorded; the others, NUL-terminated, into
     * {@code $2} to be hashed now (all of them when one could not be looked at). One shell and one {@code stat} for
     * all: a process per file costs milliseconds on a VM.
     */
    private static String takeEarly() {
        return "e=$1; m=$2; shift 2; stat -c '%i %s %z' -- \"$@\" > \"$m.stat\" || { printf '%s\\0' \"$@\" "
                + ">> \"$m\"; exit $?; }; exec 3< \"$m.stat\"; for f; do IFS= read -r s <&3; if r=\"$e/${s%% *}\" "
                + "&& [ -f \"$r\" ] && { IFS= read -r a; IFS= read -r b; IFS= read -r c; } < \"$r\" "
                + "&& [ \"$a\" = \"$s\" ] && [ \"$b\" = \"$f\" ] && [ -n \"$c\" ]; then "
                + "printf '%s\\n' \"$c\" >> \"$0/early\" || exit 1; "
                + "else printf '%s\\0' \"$f\" >> \"$m\" || exit 1; fi; done";
    }

    private static String find() {
        return "find . -path './" + ASIDE_PREFIX + "*' -prune -o ";
    }
}
