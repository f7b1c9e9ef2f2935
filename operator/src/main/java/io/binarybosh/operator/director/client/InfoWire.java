package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.DirectorInfo;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/** {@code GET /info} as the director writes it; {@code user_authentication} nests the UAA URLs in {@code options}. */
record InfoWire(@JsonProperty(required = true) String name, String uuid, String version, String user, String cpi,
                @JsonProperty(required = true) Auth userAuthentication, Features features) {

    InfoWire {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userAuthentication, "user_authentication");
    }

    DirectorInfo toInfo() {
        Options options = userAuthentication.options() == null ? new Options(null, null) : userAuthentication.options();
        return new DirectorInfo(name, uuid, version, user, cpi, new UserAuthentication(userAuthentication.type(),
                options.url(), options.urls() == null ? List.of() : List.copyOf(options.urls())),
                features != null && features.configServer() != null
                        && Boolean.TRUE.equals(features.configServer().status()));
    }

    /** {@code features} of {@code ctl/info_controller.rb}; only the config server's status is read. */
    record Features(@JsonProperty("config_server") Feature configServer) {
    }

    record Feature(Boolean status) {
    }

    record Auth(@JsonProperty(required = true) String type, Options options) {

        Auth {
            Objects.requireNonNull(type, "type");
        }
    }

    record Options(String url, List<String> urls) {
    }
}
