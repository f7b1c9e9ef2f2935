package io.binarybosh.operator.director;

import java.util.List;

/**
 * {@code user_authentication} from {@code /info}: {@code basic}, or {@code uaa} with the UAA's URLs.
 */
public record UserAuthentication(String type, String url, List<String> urls) {

    public boolean isUaa() {
        return "uaa".equals(type);
    }

    public boolean isBasic() {
        return "basic".equals(type);
    }
}
