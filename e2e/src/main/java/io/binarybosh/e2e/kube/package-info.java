/**
 * An embedded Kubernetes API that the real kubectl can drive ({@link io.binarybosh.e2e.kube.KubectlCompatibleApiServer})
 * and a bounded kubectl runner ({@link io.binarybosh.e2e.kube.Kubectl}).
 */
package io.binarybosh.e2e.kube;
