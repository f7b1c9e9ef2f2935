package io.binarybosh.operator.director;

/** Director task descriptions, as a real director writes them (bosh director jobs' descriptions). */
public final class DirectorTasks {

    public static final String SCAN = "scan cloud";
    public static final String RESOLVE = "apply resolutions";
    public static final String SCAN_AND_FIX = "scan and fix";

    private DirectorTasks() {
    }
}
