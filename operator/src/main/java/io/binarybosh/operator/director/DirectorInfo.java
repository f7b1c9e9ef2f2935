package io.binarybosh.operator.director;

/**
 * The answer of {@code GET /info}. {@code user} is the authenticated user or client, or null when the
 * request carried no valid credentials.
 */
public record DirectorInfo(String name, String uuid, String version, String user, String cpi,
                           UserAuthentication userAuthentication, boolean configServer) {

    /** A director without a config server ({@code features.config_server.status} false or absent). */
    public DirectorInfo(String name, String uuid, String version, String user, String cpi,
                        UserAuthentication userAuthentication) {
        this(name, uuid, version, user, cpi, userAuthentication, false);
    }
}
