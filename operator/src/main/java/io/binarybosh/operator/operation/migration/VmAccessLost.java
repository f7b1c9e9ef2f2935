package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.shell.ShellException;

/** No shell could be opened on Primary's or Meta's VM through the access the migration recorded. */
final class VmAccessLost extends ShellException {

    private final DirectorRole role;
    private final transient ShellAccessStatus access;
    private final Kind kind;

    VmAccessLost(DirectorRole role, ShellAccessStatus access, ShellException cause) {
        super(role.displayName() + "'s VM: " + cause.getMessage(), cause);
        this.role = role;
        this.access = access;
        this.kind = cause.kind();
    }

    DirectorRole role() {
        return role;
    }

    ShellAccessStatus access() {
        return access;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The fingerprint the VM offered instead of the pinned one, when that is what happened. */
    String offeredFingerprint() {
        return getCause() instanceof io.binarybosh.operator.shell.HostKeyChangedException changed
                ? changed.offeredFingerprint() : null;
    }
}
