package io.binarybosh.operator.director.auth;

import io.binarybosh.operator.director.http.Authenticator;
import io.binarybosh.operator.director.DirectorCredentials;
import okhttp3.Credentials;

import java.nio.charset.StandardCharsets;

/** {@code Authorization: Basic base64(user:password)} for a director with local users. */
public final class BasicAuthenticator implements Authenticator {

    private final String header;

    public BasicAuthenticator(DirectorCredentials credentials) {
        this.header = Credentials.basic(credentials.client(), credentials.secret(), StandardCharsets.UTF_8);
    }

    @Override
    public String authorization() {
        return header;
    }

    @Override
    public boolean refreshAfterRejection(String rejected) {
        return false;
    }

    @Override
    public String toString() {
        return "BasicAuthenticator[<redacted>]";
    }
}
