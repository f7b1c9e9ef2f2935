package io.binarybosh.operator.director.http;

import java.nio.charset.StandardCharsets;

/** What the director answered: status, the headers the client reads, and the whole body. */
public record ApiResponse(int status, String location, String contentType, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
