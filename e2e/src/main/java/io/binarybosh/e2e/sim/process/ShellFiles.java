package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The scripts that make a login on a simulated VM look like one on a real VM: PATH, working folder, monit. */
final class ShellFiles {
    private ShellFiles() {
    }

    static void write(HostDir dir, String address) throws IOException {
        String env = "export VM_HOME='" + dir.root() + "' VM_ADDRESS='" + address + "'\n"
                + "export PATH=\"$VM_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n"
                + "cd \"$VM_HOME\"\n";
        Files.writeString(dir.etc().resolve("bashrc"), env + "PS1='" + address + ":\\w# '\n");
        executable(dir.bin().resolve("vm-shell"), "#!/bin/bash\n" + env
                + "if [ -n \"$SSH_ORIGINAL_COMMAND\" ]; then exec /bin/bash -c \"$SSH_ORIGINAL_COMMAND\"; fi\n"
                + "exec /bin/bash --rcfile \"$VM_HOME/etc/bashrc\" -i\n");
        executable(dir.bin().resolve("monit"), "#!/bin/sh\nexec /usr/bin/monit -c '" + dir.monitrc() + "' \"$@\"\n");
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
