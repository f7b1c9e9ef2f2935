package io.binarybosh.operator.director.auth;

import io.binarybosh.operator.director.http.Authenticator;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorResponseException;
import io.binarybosh.operator.director.UserAuthentication;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Chooses basic or UAA from the director's anonymous {@code /info} on first use, as the CLI does before
 * every command, and then keeps that choice for the life of the client.
 */
public final class DiscoveringAuthenticator implements Authenticator {

    private final Supplier<DirectorInfo> anonymousInfo;
    private final Supplier<Authenticator> basic;
    private final Function<String, Authenticator> uaa;
    private Authenticator chosen;

    public DiscoveringAuthenticator(Supplier<DirectorInfo> anonymousInfo, Supplier<Authenticator> basic,
                                    Function<String, Authenticator> uaa) {
        this.anonymousInfo = anonymousInfo;
        this.basic = basic;
        this.uaa = uaa;
    }

    @Override
    public String authorization() {
        return chosen().authorization();
    }

    @Override
    public boolean refreshAfterRejection(String rejected) {
        return chosen().refreshAfterRejection(rejected);
    }

    private synchronized Authenticator chosen() {
        if (chosen == null) {
            UserAuthentication mode = anonymousInfo.get().userAuthentication();
            if (mode.isUaa()) {
                String url = mode.url() != null ? mode.url()
                        : mode.urls().stream().findFirst().orElseThrow(() -> new DirectorResponseException(
                                "Director /info says user_authentication uaa but names no UAA URL"));
                chosen = uaa.apply(url);
            } else {
                chosen = basic.get();
            }
        }
        return chosen;
    }
}
