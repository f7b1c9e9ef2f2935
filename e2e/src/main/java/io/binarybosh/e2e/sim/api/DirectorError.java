package io.binarybosh.e2e.sim.api;

/** A `DirectorError` of the real director: rendered as `{"code","description"}` with its HTTP status. */
public class DirectorError extends RuntimeException {
    private final int code;
    private final int httpStatus;

    public DirectorError(int code, int httpStatus, String description) {
        super(description);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() { return code; }

    public int httpStatus() { return httpStatus; }

    public static DirectorError taskNotFound(String id) {
        return new DirectorError(10000, 404, "Task " + id + " could not be found");
    }

    public static DirectorError deploymentNotFound(String name) {
        return new DirectorError(70000, 404, "Deployment '" + name + "' doesn't exist");
    }

    public static DirectorError instanceNotFound(String description) {
        return new DirectorError(70001, 404, description);
    }

    public static DirectorError missingField(String description) {
        return new DirectorError(40001, 400, description);
    }

    public static DirectorError badManifest(String description) {
        return new DirectorError(440001, 400, description);
    }

    public static DirectorError resurrectionPaused() {
        return new DirectorError(410004, 400, "Resurrector is paused");
    }

    public static DirectorError generic(String description) {
        return new DirectorError(100, 500, description);
    }
}
