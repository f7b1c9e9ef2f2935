package io.binarybosh.e2e.kube;

import java.util.List;

/** The built-in resources kubectl needs for our CRD, examples and Helm chart; nothing more is announced. */
final class BuiltInResources {

    static final List<ResourceType> ALL = List.of(
            ResourceType.core("namespaces", "Namespace", false, "ns"),
            ResourceType.core("events", "Event", true, "ev"),
            ResourceType.core("secrets", "Secret", true),
            ResourceType.core("configmaps", "ConfigMap", true, "cm"),
            ResourceType.core("services", "Service", true, "svc"),
            ResourceType.core("serviceaccounts", "ServiceAccount", true, "sa"),
            ResourceType.core("pods", "Pod", true, "po"),
            ResourceType.builtIn("apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition",
                    false, true, "crd", "crds"),
            ResourceType.builtIn("apps/v1", "deployments", "Deployment", true, true, "deploy"),
            ResourceType.builtIn("apps/v1", "replicasets", "ReplicaSet", true, true, "rs"),
            ResourceType.builtIn("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false, false),
            ResourceType.builtIn("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false,
                    false),
            ResourceType.builtIn("rbac.authorization.k8s.io/v1", "roles", "Role", true, false),
            ResourceType.builtIn("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true, false),
            ResourceType.builtIn("coordination.k8s.io/v1", "leases", "Lease", true, false),
            ResourceType.builtIn("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true, true, "pdb"));

    private BuiltInResources() {
    }
}
