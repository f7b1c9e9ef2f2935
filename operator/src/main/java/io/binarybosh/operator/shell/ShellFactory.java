package io.binarybosh.operator.shell;

/** Opens a shell on a VM; tests substitute their own. */
@FunctionalInterface
public interface ShellFactory {

    Shell open(SshTarget target);
}
