package io.binarybosh.e2e.kube;

/**
 * The text of a kubeconfig with one cluster, a user with a bearer token and namespace {@code default}. The embedded
 * API checks no token; the user has one because a deployed operator has one (its service account's), and fabric8
 * treats a user without one differently: once a minute after its start, its client reads the kubeconfig again before
 * every request, looking for a token to refresh ({@code TokenRefreshInterceptor.before}, whose refresh time moves on
 * only when a token was found). In the scale benchmark that was 7 % of the operator's CPU.
 */
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
                  user:
                    token: embedded-api-accepts-any-token
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
