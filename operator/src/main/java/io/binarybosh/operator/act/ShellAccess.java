package io.binarybosh.operator.act;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.shell.Shell;

/**
 * A shell on the Micro's VM, from the pair's spec and Secrets. Throws a
 * {@link io.binarybosh.operator.shell.ShellException} when it cannot be opened.
 */
@FunctionalInterface
public interface ShellAccess {

    Shell micro(BinaryBoshPair pair);
}
