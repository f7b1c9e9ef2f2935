package io.binarybosh.e2e.sim.process;

/** Which monit a world's VMs show: the stemcell's 5.2.5 (default) or the machine's current one. */
public enum MonitFormat {
    /** {@code Process 'director'   running}: what stemcells ship (stemcell_builder/stages/bosh_monit/apply.sh). */
    STEMCELL,
    /** The table of monit 5.26 and later. */
    CURRENT;

    public static MonitFormat parse(String value) {
        if (value == null || value.equals("5.2.5")) {
            return STEMCELL;
        }
        if (value.equals("current")) {
            return CURRENT;
        }
        throw new IllegalArgumentException("monit must be 5.2.5 or current, not " + value);
    }
}
