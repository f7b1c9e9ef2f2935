package io.binarybosh.operator.model;

/** The part a director plays in a pair. */
public enum DirectorRole {
    PRIMARY("Primary"),
    META("Meta"),
    MICRO("Micro");

    private final String displayName;

    DirectorRole(String displayName) {
        this.displayName = displayName;
    }

    /** Capitalised, as in condition types: PrimaryReachable. */
    public String displayName() {
        return displayName;
    }

    /** As in status fields and log lines: primary. */
    public String fieldName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** From a status field's value (primary, meta, micro); anything else is Primary, as older versions wrote. */
    public static DirectorRole fromField(String field) {
        if (field == null) {
            return PRIMARY;
        }
        return switch (field) {
            case "meta" -> META;
            case "micro" -> MICRO;
            default -> PRIMARY;
        };
    }
}
