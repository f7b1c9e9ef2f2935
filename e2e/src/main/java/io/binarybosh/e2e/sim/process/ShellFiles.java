package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The scripts that make a simulated VM look like a stemcell's: its first boot (own mount and UTS namespaces,
 * user database, sudoers, RSA host key, jumpbox user, sshd), the login shell (PATH, working folder), the
 * root-only monit wrapper; the postgres packages ({@link PostgresRelease}).
 */
final class ShellFiles {
    /** The groups a stemcell has and the agent puts ephemeral users in (bosh-agent settings/settings.go). */
    static final String GROUPS = "vcap admin bosh_sudoers bosh_sshers";
    /** In the VM's log folder: every command run over ssh (see {@link SshHost#commandLog()}). */
    static final String COMMAND_LOG = "ssh-commands.log";

    private ShellFiles() {
    }

    static void write(HostDir dir, String address, int port, String hostname, String jumpboxKey,
                      MonitFormat monitFormat) throws IOException {
        String env = "export VM_HOME='" + dir.root() + "' VM_ADDRESS='" + address + "'\n"
                + "export PATH=\"$VM_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n"
                + "cd \"$VM_HOME\"\n";
        Files.writeString(dir.etc().resolve("bashrc"), env + "PS1='" + address + ":\\w\\$ '\n");
        // A test instrument, not a stemcell's: every command run over ssh, one line each (time in ms, user, the
        // command shell-quoted), so that a test can prove an action was not done twice.
        Path commandLog = dir.log().resolve(COMMAND_LOG);
        Files.createDirectories(commandLog.getParent());
        Files.writeString(commandLog, "");
        Files.setPosixFilePermissions(commandLog, PosixFilePermissions.fromString("rw--w--w-"));
        executable(dir.bin().resolve("vm-shell"), "#!/bin/bash\n" + env
                + "if [ -n \"$SSH_ORIGINAL_COMMAND\" ]; then printf '%s %s %q\\n' \"$(date +%s%3N)\" \"$(id -un)\" "
                + "\"$SSH_ORIGINAL_COMMAND\" >> \"$VM_HOME/log/" + COMMAND_LOG + "\" 2>/dev/null; "
                + "exec /bin/bash -c \"$SSH_ORIGINAL_COMMAND\"; fi\n"
                + "exec /bin/bash --rcfile \"$VM_HOME/etc/bashrc\" -i\n");
        Files.writeString(dir.sshdConfig(), sshdConfig(dir, address, port));
        executable(dir.bin().resolve("boot"), boot(dir, hostname, jumpboxKey));
        Files.createDirectories(dir.monitWrapper().getParent());
        Files.createDirectories(dir.monitrc().getParent());
        rootOnly(dir.monitWrapper(), monitWrapper(dir, monitFormat));
        Files.setPosixFilePermissions(dir.bosh(), PosixFilePermissions.fromString("rwx------"));
        PostgresRelease.writePackages(dir);
    }

    /**
     * sshd as a stemcell configures it (stemcell_builder/stages/base_ssh/apply.sh): no root login, only members
     * of bosh_sshers, three tries, only AES ciphers and SHA-2 or UMAC MACs, a client unanswered for 180 s dropped;
     * PAM on, as on the stemcell, so the locked password useradd leaves is no bar to a key login. Not taken: the
     * Banner (/etc/issue.net), which the VMs here do not write. ForceCommand is ours: the VM's folder as working
     * directory.
     */
    private static String sshdConfig(HostDir dir, String address, int port) {
        return String.join("\n",
                "ListenAddress " + address,
                "Port " + port,
                "HostKey /etc/ssh/ssh_host_rsa_key",
                "PidFile " + dir.pidFile("sshd"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM yes",
                "UseDNS no",
                "PermitRootLogin no",
                "DenyUsers root",
                "AllowGroups bosh_sshers",
                "MaxAuthTries 3",
                "X11Forwarding no",
                "PermitEmptyPasswords no",
                "HostbasedAuthentication no",
                "Ciphers aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr",
                "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com,"
                        + "hmac-sha2-512,hmac-sha2-256,umac-128@openssh.com",
                "ClientAliveInterval 180",
                "ClientAliveCountMax 1",
                "Compression delayed",
                "PrintMotd no",
                "MaxStartups 50",
                "ForceCommand " + dir.bin().resolve("vm-shell"),
                "");
    }

    /**
     * Run under {@code unshare --mount --uts --propagation private}: the VM's own /etc, /var and /home (overlays
     * on the machine's, so users, sudoers and host keys made here stay in the VM), its /var/vcap, its hostname.
     * Then what a stemcell's image and first boot do: the groups and the bosh_sudoers rule
     * (stages/bosh_users/assets/sudoers: NOPASSWD, no requiretty), host keys regenerated (an RSA key whose comment
     * is root@hostname, the one the agent hands out), the jumpbox user of bosh-deployment's jumpbox-user.yml
     * (os-conf user_add: bash, sudo, the key), sshd. Its last process holds the namespaces for the VM's life.
     */
    private static String boot(HostDir dir, String hostname, String jumpboxKey) {
        return """
                #!/bin/bash
                set -e
                home='%1$s'; os="$home/os"
                for l in etc var home; do
                  mkdir -p "$os/$l" "$os/$l.work"
                  mount -t overlay overlay -o "lowerdir=/$l,upperdir=$os/$l,workdir=$os/$l.work" "/$l"
                done
                mkdir -p /var/vcap
                mount --rbind "$home/var/vcap" /var/vcap
                mkdir -p /var/vcap/bosh_ssh
                # bosh-agent SetupHostname: the hostname and /etc/hosts naming it
                hostname '%2$s'; echo '%2$s' > /etc/hostname
                printf '127.0.0.1 localhost %%s\n::1 localhost ip6-localhost ip6-loopback\n' '%2$s' > /etc/hosts
                for g in %3$s; do groupadd -f "$g"; done
                printf '%%%%bosh_sudoers ALL=(ALL) NOPASSWD: ALL\\n' > /etc/sudoers.d/bosh_sudoers
                chmod 0440 /etc/sudoers.d/bosh_sudoers
                # pam_loginuid cannot write /proc/self/loginuid in a container; it is required in Debian's file
                sed -i 's/^session\\s\\+required\\s\\+pam_loginuid.so/session optional pam_loginuid.so/' /etc/pam.d/sshd
                # first boot only (bosh-linux-stemcell-builder stages/base_ubuntu_firstboot: firstboot.sh removes the host keys
                # once); a reboot keeps the host key and users on the root disk (here the upper layers)
                if [ ! -f "$os/etc/ssh/ssh_host_rsa_key" ]; then
                  rm -f /etc/ssh/ssh_host_*
                  ssh-keygen -q -t rsa -b 2048 -N '' -f /etc/ssh/ssh_host_rsa_key
                fi
                id jumpbox > /dev/null 2>&1 || useradd -m -s /bin/bash -G bosh_sshers,bosh_sudoers jumpbox
                install -d -m 0700 -o jumpbox -g jumpbox /home/jumpbox/.ssh
                printf '%%s\\n' '%4$s' > /home/jumpbox/.ssh/authorized_keys
                chown jumpbox:jumpbox /home/jumpbox/.ssh/authorized_keys; chmod 0600 /home/jumpbox/.ssh/authorized_keys
                /usr/sbin/sshd -f "$home/etc/sshd_config" -E "$home/log/sshd.log"
                echo $$ > "$home/run/machine.pid"
                exec -a "$home/machine" sleep infinity
                """.formatted(dir.root(), hostname, GROUPS, jumpboxKey);
    }

    /**
     * /var/vcap/bosh/bin/monit: root only (the stemcell's wrapper writes to a cgroup first, which needs root:
     * stages/bosh_monit/assets/monit), on the VM's control file. In a world of stemcell monit (5.2.5,
     * stages/bosh_monit/apply.sh) {@code summary} is printed in that version's layout; the daemon here is
     * Debian's monit, so the table is rewritten, nothing else.
     */
    private static String monitWrapper(HostDir dir, MonitFormat format) {
        String run = "/usr/bin/monit -c /var/vcap/bosh/etc/monitrc \"$@\"";
        String body = format == MonitFormat.CURRENT ? "exec " + run + "\n" : """
                if [ "$1" = summary ]; then
                  out=$(%s); rc=$?
                  printf "The Monit daemon 5.2.5 uptime: 1m \\n\\n"
                  printf '%%s\\n' "$out" | awk '$NF == "Process" { name = $1; $1 = ""; $NF = ""; s = $0; gsub(/^ +| +$/, "", s);
                    if (s == "OK") s = "running"; else s = tolower(substr(s, 1, 1)) substr(s, 2);
                    printf "Process %%-30s %%s\\n", "'"'"'" name "'"'"'", s }'
                  exit $rc
                fi
                exec %s
                """.formatted(run, run);
        return "#!/bin/bash\n[ \"$(id -u)\" = 0 ] || { echo \"monit: must be run as root\" >&2; exit 1; }\n" + body;
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void rootOnly(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
