package io.binarybosh.operator.director.http;

/** Supplies the {@code Authorization} header of director calls. Implementations are thread-safe. */
public interface Authenticator {

    /** The header value to send now; may fetch a token. */
    String authorization();

    /**
     * The director answered 401 to {@code rejected}. Returns true when a fresh credential may help (a
     * UAA token that expired early or was revoked), so the call is worth sending once more.
     */
    boolean refreshAfterRejection(String rejected);
}
