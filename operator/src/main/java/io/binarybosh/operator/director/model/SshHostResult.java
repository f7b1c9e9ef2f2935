package io.binarybosh.operator.director.model;

/**
 * One instance's answer to an ssh {@code setup}. {@code hostPublicKey} is the VM's SSH host key: pin it.
 * Any status other than {@code success} is a failure.
 */
public record SshHostResult(String command, String status, String ip, String hostPublicKey, String id, Integer index,
                            String job, String gatewayHost, String gatewayUser) {

    public boolean isSuccess() {
        return "success".equals(status);
    }
}
