package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.shell.VmCommands;

import static io.binarybosh.operator.shell.VmCommands.quote;

/**
 * Meta's own store moved back into place after an abort: what is in the store now (the copy, whole or partial) is
 * moved into {@code copyAside}, then the contents of {@code aside} come back and the emptied folder goes. Redone
 * after a crash, it finds its work done. Prints the first entry of {@code aside} left over, if any.
 */
final class StoreRestore {

    private StoreRestore() {
    }

    static String script(VmCommands commands, String store, String aside, String copyAside) {
        String prefix = VmCommands.ASIDE_PREFIX;
        return commands.privileged("cd " + quote(store) + " || exit 3; [ -d " + quote(aside) + " ] || exit 0; "
                + "mkdir -p " + quote(copyAside) + " || exit 4; "
                + "for f in * .[!.]* ..?*; do [ -e \"$f\" ] || [ -L \"$f\" ] || continue; "
                + "case \"$f\" in " + prefix + "*) continue;; esac; mv \"$f\" " + quote(copyAside) + "/ || exit 5; done; "
                + "for f in " + quote(aside) + "/* " + quote(aside) + "/.[!.]* " + quote(aside) + "/..?*; do "
                + "[ -e \"$f\" ] || [ -L \"$f\" ] || continue; mv \"$f\" . || exit 6; done; "
                + "rmdir " + quote(aside) + " 2>/dev/null; [ -d " + quote(aside) + " ] && ls -A " + quote(aside)
                + " | head -n 1; true");
    }
}
