package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.SshTarget;

/**
 * Shells on director VMs: the Micro's from the pair's spec and Secrets, others from a target the migration
 * recorded. Throws a {@link ShellException} when one cannot be opened.
 */
@FunctionalInterface
public interface ShellAccess {

    Shell micro(BinaryBoshPair pair);

    /** How the Micro is logged into, with its private key: the migration derives its own keys from it. */
    default SshTarget microTarget(BinaryBoshPair pair) {
        throw new ShellException("no ssh access to the Micro is configured");
    }

    default Shell open(SshTarget target) {
        throw new ShellException("no ssh access is configured");
    }
}
