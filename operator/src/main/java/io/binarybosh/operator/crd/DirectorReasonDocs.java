package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;

import java.util.List;

/** What docs/troubleshooting.md says of the reasons of SpecValid and of each director's Reachable and Healthy conditions. */
final class DirectorReasonDocs {

    static final ReasonTable SPEC_VALID = new ReasonTable(ReasonSection.SPEC_VALID, List.of(
            new ReasonRow(List.of(Reason.VALID),
                    "the spec, and every Secret and ConfigMap it names, are usable",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "not checked yet (the operator just started)",
                    "wait one poll"),
            new ReasonRow(List.of(Reason.SECRET_NOT_FOUND),
                    "a Secret named by `caSecretRef`, `credentialsSecretRef`, `privateKeySecretRef` or "
                        + "`hostKeySecretRef` is not in the pair's namespace (or, for the Micro's ssh keys, has no "
                        + "such key)",
                    "create it in the pair's namespace; the message names the field and the Secret. The "
                        + "operator asks for a missing Secret at every poll and uses it once it exists"),
            new ReasonRow(List.of(Reason.SECRET_KEY_MISSING),
                    "the Secret exists but the key is missing or empty (`ca.crt`, `client`, `clientSecret` "
                        + "by default)",
                    "add the key; `kubectl get secret <name> -o jsonpath='{.data}'` shows which keys exist"),
            new ReasonRow(List.of(Reason.INVALID_CA_CERTIFICATE),
                    "the CA key is not a PEM X.509 certificate the client can use",
                    "put the director's CA (the `--ca-cert` of the bosh CLI, `director_ssl.ca` in the creds "
                        + "file) in PEM form"),
            new ReasonRow(List.of(Reason.CONFIG_MAP_NOT_FOUND),
                    "`manifestRef` names a ConfigMap that is not in the namespace",
                    "create it, or remove `manifestRef`"),
            new ReasonRow(List.of(Reason.CONFIG_MAP_KEY_MISSING),
                    "the ConfigMap has no non-empty `manifestRef.key`",
                    "add the manifest under that key"),
            new ReasonRow(List.of(Reason.INVALID_MANIFEST),
                    "the desired manifest is not a YAML mapping",
                    "fix the YAML; `bosh interpolate` it first if it has variables"),
            new ReasonRow(List.of(Reason.FIELD_MISSING),
                    "a required field is absent (the API server would refuse this too, unless it skips CRD "
                        + "validation)",
                    "fill it in; the message names the field"),
            new ReasonRow(List.of(Reason.INVALID_URL),
                    "a director URL is not `https://host[:port]`",
                    "use the director's API URL, e.g. `https://10.0.0.6:25555`"),
            new ReasonRow(List.of(Reason.INVALID_DEPLOYMENT_NAME),
                    "a deployment name is not a BOSH deployment name",
                    "use the name `bosh deployments` shows"),
            new ReasonRow(List.of(Reason.INVALID_STORE_PATH),
                    "`storePath` is not an absolute path",
                    "usually `/var/vcap/store`"),
            new ReasonRow(List.of(Reason.OUT_OF_RANGE),
                    "a number is outside its limits (see the reference), or the health timings are in the "
                        + "wrong order",
                    "`pollIntervalSeconds` ≤ `unreachableAfterSeconds` ≤ `forceRecreateAfterSeconds`"),
            new ReasonRow(List.of(Reason.SAME_DIRECTOR_TWICE),
                    "two roles have the same URL",
                    "Primary, Meta and the Micro are three different directors"),
            new ReasonRow(List.of(Reason.SAME_DEPLOYMENT_TWICE),
                    "Primary and Meta have the same deployment name",
                    "each is its own deployment")));

    static final ReasonTable REACHABLE = new ReasonTable(ReasonSection.REACHABLE, List.of(
            new ReasonRow(List.of(Reason.DIRECTOR_ANSWERED),
                    "`GET /info` answered over verified TLS and the credentials were accepted",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "not asked yet",
                    "wait one poll"),
            new ReasonRow(List.of(Reason.NOT_CONTACTED),
                    "not asked, because its Secrets are not usable",
                    "see `SpecValid`"),
            new ReasonRow(List.of(Reason.CONNECTION_FAILED),
                    "no TCP connection, or no answer within the timeouts",
                    "check the URL and that the operator's pod can reach the director (NetworkPolicy, "
                        + "security groups: port 25555, and the UAA's 8443). If the director's VM is down, the "
                        + "`Healthy` condition says more"),
            new ReasonRow(List.of(Reason.CERTIFICATE_UNTRUSTED),
                    "the director's certificate is not signed by the CA in `caSecretRef`, or its name does "
                        + "not match the URL",
                    "put the right CA in the Secret; the operator never skips verification"),
            new ReasonRow(List.of(Reason.CREDENTIALS_REJECTED),
                    "the director (or its UAA) refused the client and secret",
                    "check `client`/`clientSecret`: a UAA client with `bosh.admin`, or the director's local "
                        + "user. The director still answered `/info`, so `reachable` is true and the state is "
                        + "`Unauthenticated`"),
            new ReasonRow(List.of(Reason.UNEXPECTED_RESPONSE),
                    "something answered, but not like a BOSH director",
                    "check the URL (a load balancer or proxy?)"),
            new ReasonRow(List.of(Reason.UAA_UNAVAILABLE),
                    "the director answered `/info`, but its UAA (its own process, port 8443) did not answer "
                        + "the token request or failed with a 5xx; also with the token expired while the "
                        + "director's postgres is down (UAA keeps its clients in the same postgres). The director "
                        + "is not unreachable and is never repaired for it; `Healthy` is `NotObservable`. State "
                        + "`UaaUnavailable`",
                    "`monit summary` on the director's VM (`uaa`), `/var/vcap/sys/log/uaa/`, and that the "
                        + "operator's pod reaches port 8443"),
            new ReasonRow(List.of(Reason.DATABASE_NOT_ANSWERING),
                    "`GET /info` answered and the credentials were accepted, but the calls that read the "
                        + "director's database (`/resurrection`, `/deployments`) failed (a real director serves "
                        + "`/info` from memory, so this is a director whose postgres is stopped, crashed or "
                        + "without its data directory; the message quotes the error). The state is "
                        + "`DatabaseFailing`, `reachable` is true. Nothing is decided from its lists: it is never "
                        + "read as holding nothing",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself")));

    static final ReasonTable HEALTHY = new ReasonTable(ReasonSection.HEALTHY, List.of(
            new ReasonRow(List.of(Reason.ANSWERING),
                    "the API answers (and, when known, its agent reports running to its peer)",
                    ""),
            new ReasonRow(List.of(Reason.AWAITING_OBSERVATION),
                    "not observed yet",
                    ""),
            new ReasonRow(List.of(Reason.NOT_OBSERVABLE),
                    "its Secrets are not usable, so it cannot be asked",
                    "see `SpecValid`"),
            new ReasonRow(List.of(Reason.NEVER_ANSWERED),
                    "it has not answered since the operator started, so how long it has been down is unknown",
                    "the operator will not repair a director it never saw answer (`Blocked`, "
                        + "`NeverAnswered`): check it by hand; once it answers once, the normal rules apply"),
            new ReasonRow(List.of(Reason.VM_MISSING),
                    "the peer has no VM for it",
                    "the peer's health monitor should resurrect it; otherwise the operator repairs it after "
                        + "`forceRecreateAfterSeconds`"),
            new ReasonRow(List.of(Reason.AGENT_UNRESPONSIVE),
                    "the peer's view: its agent does not report",
                    "as above: a resurrection or a repair follows"),
            new ReasonRow(List.of(Reason.JOBS_NOT_RUNNING),
                    "its agent answers but reports its jobs failing or stopped",
                    "a VM recreation would not help: `bosh -d <deployment> instances --ps` on the peer, "
                        + "`monit summary` on the VM. The operator does not repair it (`Blocked`, "
                        + "`JobsStoppedNotRecreating`)"),
            new ReasonRow(List.of(Reason.API_NOT_ANSWERING),
                    "its agent reports running, yet the API does not answer the operator",
                    "a network problem between the operator and the director, or a frozen director process: "
                        + "check from inside the cluster. Not repaired (`Blocked`, `ApiFrozen`)"),
            new ReasonRow(List.of(Reason.UNREACHABLE),
                    "silent, and the peer cannot say why (not asked yet, or the peer is down too)",
                    "see the peer's conditions"),
            new ReasonRow(List.of(Reason.DATABASE_NOT_ANSWERING),
                    "it answers `/info`, but its database does not (see `*Reachable`)",
                    "`monit summary` on that director's VM (is `postgres` running?) and its log in "
                        + "`/var/vcap/sys/log/postgres/`; once postgres answers, the operator finds the pair again "
                        + "by itself. The operator does not recreate a director that answers")));

    private DirectorReasonDocs() {
    }

    static List<ReasonTable> tables() {
        return List.of(SPEC_VALID, REACHABLE, HEALTHY);
    }
}
