package io.binarybosh.e2e.sim.api;

import java.util.regex.Pattern;

/** One route: method, path pattern and, as a Sinatra route condition, the content type it consumes. */
public record Route(String method, Pattern path, String consumes, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }
}
