package io.binarybosh.operator.status;

/** CamelCase reasons shared by conditions and events. */
public final class ConditionReasons {

    public static final String SPEC_VALID = "Valid";
    public static final String NOT_YET_MANAGED = "NotYetManaged";
    public static final String AWAITING_OBSERVATION = "AwaitingObservation";
    public static final String NOT_CONTACTED = "NotContacted";
    public static final String DIRECTOR_ANSWERED = "DirectorAnswered";
    public static final String CREDENTIALS_REJECTED = "CredentialsRejected";
    public static final String CERTIFICATE_UNTRUSTED = "CertificateUntrusted";
    public static final String CONNECTION_FAILED = "ConnectionFailed";
    public static final String UNEXPECTED_RESPONSE = "UnexpectedResponse";
    public static final String UAA_UNAVAILABLE = "UaaUnavailable";
    public static final String RECONCILE_ERROR = "ReconcileError";

    private ConditionReasons() {
    }
}
