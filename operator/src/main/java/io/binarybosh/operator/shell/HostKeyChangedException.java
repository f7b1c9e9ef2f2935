package io.binarybosh.operator.shell;

/**
 * The host offered a host key other than the pinned one, so no login was tried. The key is never accepted here:
 * only a new pin handed over by a trusted party (the director managing the VM) lets the operator in again.
 * Carries SHA256 fingerprints only, as ssh-keygen -l prints them.
 */
public final class HostKeyChangedException extends ShellException {

    private final String host;
    private final String pinnedFingerprint;
    private final String offeredFingerprint;

    public HostKeyChangedException(String host, int port, String pinnedFingerprint, String offeredFingerprint,
                                   Throwable cause) {
        super("the host key of " + host + ":" + port + " changed: pinned " + pinnedFingerprint + ", offered "
                + offeredFingerprint + " (a recreated VM, or another machine at that address); not logged in",
                cause);
        this.host = host;
        this.pinnedFingerprint = pinnedFingerprint;
        this.offeredFingerprint = offeredFingerprint;
    }

    @Override
    public Kind kind() {
        return Kind.HOST_KEY_CHANGED;
    }

    public String host() {
        return host;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    public String offeredFingerprint() {
        return offeredFingerprint;
    }
}
