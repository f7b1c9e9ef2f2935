package io.binarybosh.operator.director.http;

import okhttp3.HttpUrl;

import java.net.URI;

/** Turns the configured director URL into the base every request is built on. */
public final class DirectorUrl {

    /** The director's port when the URL names none, as the CLI assumes. */
    public static final int DEFAULT_PORT = 25555;

    private DirectorUrl() {
    }

    /**
     * Always HTTPS, whatever scheme was written (the CLI throws the scheme away too: a director never speaks
     * plain HTTP); port 25555 unless one is given.
     *
     * @throws IllegalArgumentException when the URL has no host
     */
    public static HttpUrl base(URI url) {
        if (url.getScheme() == null && url.getHost() == null && url.getRawPath() != null && !url.getRawPath().isEmpty()) {
            return base(URI.create("https://" + url));
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the director URL has no host");
        }
        int port = url.getPort() == -1 ? DEFAULT_PORT : url.getPort();
        HttpUrl.Builder builder = new HttpUrl.Builder().scheme("https").host(stripBrackets(host)).port(port);
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.encodedPath(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
        return builder.build();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
