package io.binarybosh.operator.director.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.binarybosh.operator.director.DirectorResponseException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON in and out with the director's snake_case names. Parse failures become
 * {@link DirectorResponseException}s that say where the shape was wrong but never quote the body, because
 * bodies can hold manifests and their secrets.
 */
public final class Json {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    public ObjectMapper mapper() {
        return mapper;
    }

    public <T> T read(byte[] body, Class<T> type, String what) {
        return read(body, mapper.constructType(type), what);
    }

    public <T> List<T> readList(byte[] body, Class<T> element, String what) {
        List<T> list = read(body, mapper.getTypeFactory().constructCollectionType(List.class, element), what);
        if (list.contains(null)) {
            throw new DirectorResponseException(what + " answered a list with a null element");
        }
        return list;
    }

    /** Newline-delimited JSON, one object per non-empty line (the result of {@code ?format=full}). */
    public <T> List<T> readLines(String text, Class<T> element, String what) {
        List<T> result = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                result.add(read(lines[i].getBytes(java.nio.charset.StandardCharsets.UTF_8), mapper.constructType(element),
                        what + " line " + (i + 1)));
            }
        }
        return result;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a request body of type " + value.getClass().getSimpleName());
        }
    }

    private <T> T read(byte[] body, JavaType type, String what) {
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonMappingException e) {
            throw new DirectorResponseException(what + " answered a body that is not " + describe(type)
                    + ": wrong or missing value at " + path(e));
        } catch (JsonProcessingException e) {
            throw new DirectorResponseException(what + " answered a body that is not valid JSON");
        } catch (IOException e) {
            throw new DirectorResponseException(what + " answered an unreadable body");
        }
        if (value == null) {
            throw new DirectorResponseException(what + " answered an empty body (null) instead of " + describe(type));
        }
        return value;
    }

    private static String describe(JavaType type) {
        return type.isCollectionLikeType()
                ? "a JSON array of " + type.getContentType().getRawClass().getSimpleName()
                : "a JSON " + type.getRawClass().getSimpleName();
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "the top level";
        }
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("", "$", ""));
    }
}
