package io.binarybosh.operator.observe;

/** What one look at a director found. */
public enum Outcome {
    /** /info answered and the credentials were accepted. */
    REACHABLE,
    /** The director answered but refused the credentials (or its UAA did). */
    CREDENTIALS_REJECTED,
    /** /info answered, but the director's UAA gave no token (unreachable or failing): the director is not silent. */
    UAA_UNAVAILABLE,
    /** The TLS handshake failed: the certificate is not signed by the configured CA, or names another host. */
    TLS_UNTRUSTED,
    /** No answer: refused, timed out, reset, unknown host. */
    UNREACHABLE,
    /** An answer that is not a director's: bad JSON, unexpected status. */
    UNEXPECTED_RESPONSE,
    /** Not contacted: the spec or its Secrets do not let the operator build a connection. */
    NOT_CONTACTED
}
