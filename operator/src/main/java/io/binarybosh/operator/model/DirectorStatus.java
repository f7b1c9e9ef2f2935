package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** What the operator last observed of one director. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DirectorStatus {

    @JsonPropertyDescription("One word for display: Reachable, Unreachable, Unauthenticated, Untrusted, Invalid, "
            + "Unknown.")
    private String state;

    @JsonPropertyDescription("The URL observed (from the spec).")
    private String url;

    @JsonPropertyDescription("Whether the director's API answered GET /info at the last observation.")
    private Boolean reachable;

    @JsonPropertyDescription("The director's name from /info (director.name).")
    private String name;

    @JsonPropertyDescription("The director's uuid from /info. After a store copy two directors share it: tell them "
            + "apart by name and address.")
    private String uuid;

    @JsonPropertyDescription("The director's version from /info.")
    private String version;

    @JsonPropertyDescription("The auth mode the director advertises: basic or uaa.")
    private String authType;

    @JsonPropertyDescription("The user or client the director authenticated the operator as; absent when the "
            + "credentials were refused.")
    private String user;

    @JsonPropertyDescription("When the director last answered (RFC 3339). Exact when the director stops answering; "
            + "while it keeps answering it is refreshed every few minutes rather than at every poll, so that "
            + "an unchanged pair causes no status writes.")
    private String lastSeenTime;

    @JsonPropertyDescription("The last failure talking to the director; absent after a successful observation.")
    private String lastError;

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Boolean getReachable() {
        return reachable;
    }

    public void setReachable(Boolean reachable) {
        this.reachable = reachable;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUuid() {
        return uuid;
    }

    public void setUuid(String uuid) {
        this.uuid = uuid;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getAuthType() {
        return authType;
    }

    public void setAuthType(String authType) {
        this.authType = authType;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getLastSeenTime() {
        return lastSeenTime;
    }

    public void setLastSeenTime(String lastSeenTime) {
        this.lastSeenTime = lastSeenTime;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DirectorStatus that)) {
            return false;
        }
        return Objects.equals(state, that.state) && Objects.equals(url, that.url)
                && Objects.equals(reachable, that.reachable) && Objects.equals(name, that.name)
                && Objects.equals(uuid, that.uuid) && Objects.equals(version, that.version)
                && Objects.equals(authType, that.authType) && Objects.equals(user, that.user)
                && Objects.equals(lastSeenTime, that.lastSeenTime)
                && Objects.equals(lastError, that.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, url, reachable, name, uuid, version, authType, user, lastSeenTime,
                lastError);
    }
}
