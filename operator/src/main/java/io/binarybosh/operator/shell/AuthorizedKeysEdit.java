package io.binarybosh.operator.shell;

import static io.binarybosh.operator.shell.VmCommands.quote;

/**
 * Edits of an authorized_keys file as the login user, each written whole to a temporary file next to it (same
 * file system, same owner and mode) and renamed over it: sshd reads the old file or the new one, never half of
 * one, and a failed write (disk full, read-only folder) leaves the file as it was. A symlinked file is edited where
 * it points. The temporary file is removed whatever happens.
 */
final class AuthorizedKeysEdit {

    private AuthorizedKeysEdit() {
    }

    /**
     * Every line but those holding {@code marker}, newline-terminated (GNU grep ends its last line with one even
     * when the file does not), then {@code line}: our line replaces an earlier one and never joins a key's line.
     */
    static String authorize(String authorizedKeysFile, String line, String marker) {
        return "umask 077; " + open(authorizedKeysFile, null)
                + "{ grep -vF -- " + quote(marker) + " \"$f\"; [ $? -le 1 ] && printf '%s\\n' " + quote(line)
                + "; } > \"$t\" || exit 1; " + replace()
                + " && grep -qxF -- " + quote(line) + " \"$f\"";
    }

    /** Every line but those holding {@code marker}; nothing is written when none does. */
    static String revoke(String authorizedKeysFile, String marker) {
        return open(authorizedKeysFile, marker) + "{ grep -vF -- " + quote(marker) + " \"$f\"; [ $? -le 1 ]; } > \"$t\" "
                + "|| exit 1; " + replace() + " && ! grep -qF -- " + quote(marker) + " \"$f\"";
    }

    /**
     * Sets {@code f} (the file, symlinks resolved) and {@code t} (a new temporary file beside it, removed on exit).
     * Authorizing ({@code revoked} null) creates the file and its folder when missing; revoking does nothing when
     * the file is missing or no line holds {@code revoked}.
     */
    private static String open(String authorizedKeysFile, String revoked) {
        boolean create = revoked == null;
        String file = home(authorizedKeysFile);
        String missing = create
                ? "mkdir -p \"$(dirname \"$f\")\" && touch \"$f\" || exit 1; "
                : "[ -f \"$f\" ] || exit 0; ";
        String unchanged = create ? "" : "grep -qF -- " + quote(revoked) + " \"$f\" || exit 0; ";
        return "f=" + file + "; if [ -L \"$f\" ]; then f=$(readlink -f \"$f\") || exit 1; fi; " + missing
                + unchanged + "t=$(mktemp \"$(dirname \"$f\")/.binarybosh-keys.XXXXXX\") || exit 1; "
                + "trap 'rm -f \"$t\"' EXIT; ";
    }

    /** The temporary file takes the file's owner and mode, reaches the disk, and is renamed over the file. */
    private static String replace() {
        return "chown --reference=\"$f\" \"$t\" && chmod --reference=\"$f\" \"$t\" || exit 1; "
                + "sync \"$t\" 2>/dev/null; mv -f \"$t\" \"$f\" || exit 1; trap - EXIT";
    }

    private static String home(String path) {
        return path.startsWith("/") ? quote(path) : "\"$HOME\"/" + quote(path);
    }
}
