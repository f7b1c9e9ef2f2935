{{/* The chart's name in labels. */}}
{{- define "bbo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name, at most 63 characters. */}}
{{- define "bbo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "bbo.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The image reference; no registry publishes the image, so the chart will not guess one: the default is the image loaded into the nodes. */}}
{{- define "bbo.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if not .Values.image.registry -}}
{{- fail (printf "image.registry is not set, and no registry publishes binary-bosh-operator:%s. Build the image with bin/image (in the project), push it with `skopeo copy oci-archive:operator/target/image/binary-bosh-operator-%s.tar docker://REGISTRY/binary-bosh-operator:%s` (or docker load, tag and push), then set image.registry=REGISTRY; or load the image into the nodes (kind load image-archive, minikube image load) and keep the default image.registry=docker.io/library. See docs/install.md." $tag .Chart.AppVersion $tag) -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s/%s@%s" (trimSuffix "/" .Values.image.registry) .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .Values.image.registry) .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The image's pull policy: never pull the loaded image (docker.io/library serves none of ours). */}}
{{- define "bbo.imagePullPolicy" -}}
{{- if .Values.image.pullPolicy -}}
{{- .Values.image.pullPolicy -}}
{{- else if eq (trimSuffix "/" .Values.image.registry) "docker.io/library" -}}
Never
{{- else -}}
IfNotPresent
{{- end -}}
{{- end -}}

{{- define "bbo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bbo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "bbo.labels" -}}
{{ include "bbo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "bbo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "bbo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* "true" when only one replica may reconcile at a time, so more than one must elect a leader. */}}
{{- define "bbo.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) -}}true{{- else -}}false{{- end -}}
{{- end -}}

{{/* What the operator may do with its own resources, wherever it watches them. */}}
{{- define "bbo.watchRules" -}}
{{- /* Exactly what the operator calls: RbacMatchesUseTest (e2e) records its requests and compares. */}}
# The informer lists and watches the pairs; a status write that meets a conflict reads the pair again. The
# finalizer (binarybosh.io/operation-guard) is added and removed with a patch of the pair's metadata, never its spec.
- apiGroups: ["binarybosh.io"]
  resources: ["binaryboshpairs"]
  verbs: ["get", "list", "watch", "patch"]
# Status, conditions and the operation in flight, written with optimistic locking; never the spec.
- apiGroups: ["binarybosh.io"]
  resources: ["binaryboshpairs/status"]
  verbs: ["update"]
# Director CAs and credentials, SSH keys, desired manifests: each one a pair references is read by its name
# (and again after a minute), never listed, watched or written; other Secrets are never read.
- apiGroups: [""]
  resources: ["secrets", "configmaps"]
  verbs: ["get"]
# One new event per transition; events are never changed afterwards.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
