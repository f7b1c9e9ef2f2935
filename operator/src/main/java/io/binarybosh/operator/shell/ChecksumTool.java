package io.binarybosh.operator.shell;

/**
 * The hash of each file's content in a store's checksum listing. BLAKE2b ({@code b2sum}, in coreutils since 8.26,
 * so on every supported stemcell) reads a store about twice as fast as SHA-256 on the same CPU, with a longer
 * digest; SHA-256 is what an earlier operator recorded.
 */
public enum ChecksumTool {
    B2SUM("b2sum"),
    SHA256SUM("sha256sum");

    private final String command;

    ChecksumTool(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }
}
