package io.binarybosh.e2e.kube;

/** The text of a kubeconfig with one cluster, an anonymous user and namespace {@code default}. */
final class KubeconfigFile {

    private KubeconfigFile() {
    }

    static String forServer(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: embedded
                  cluster:
                    server: %s
                users:
                - name: embedded
                  user: {}
                contexts:
                - name: embedded
                  context:
                    cluster: embedded
                    user: embedded
                    namespace: default
                current-context: embedded
                """.formatted(url);
    }
}
