package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** How to reach one director's API: its URL, the CA that signed its certificate, and the credentials. */
public class DirectorConnectionSpec {

    /** https, a host name, IPv4 or bracketed IPv6 address, an optional port, nothing after it. */
    public static final String URL_PATTERN =
            "^https://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(:[0-9]{1,5})?/?$";

    @Required
    @Pattern(URL_PATTERN)
    @JsonPropertyDescription("The director API, e.g. https://10.10.0.4:25555 (port 25555 when none is given). "
            + "Only https: the director's certificate is always verified against caSecretRef.")
    private String url;

    @Required
    @JsonPropertyDescription("The Secret key holding the PEM CA certificate that signed the director's certificate "
            + "(and its UAA's), like the bosh CLI's --ca-cert. Key defaults to ca.crt.")
    private SecretKeyRef caSecretRef;

    @Required
    @JsonPropertyDescription("The Secret holding the identity the operator uses: keys client and clientSecret "
            + "(a UAA client with bosh.admin, or a local director user and its password, as BOSH_CLIENT and "
            + "BOSH_CLIENT_SECRET). Which auth the director wants is read from its /info.")
    private SecretRef credentialsSecretRef;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public SecretKeyRef getCaSecretRef() {
        return caSecretRef;
    }

    public void setCaSecretRef(SecretKeyRef caSecretRef) {
        this.caSecretRef = caSecretRef;
    }

    public SecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }
}
