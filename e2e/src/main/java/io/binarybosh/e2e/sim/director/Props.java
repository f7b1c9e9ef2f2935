package io.binarybosh.e2e.sim.director;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads dotted BOSH property names (`hm.resurrector.minimum_down_jobs`) out of nested property maps. */
public record Props(Map<String, Object> values) {

    @SuppressWarnings("unchecked")
    public Object get(String dotted) {
        Object current = values;
        for (String part : dotted.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    public String string(String dotted, String fallback) {
        Object v = get(dotted);
        return v == null ? fallback : v.toString();
    }

    public boolean bool(String dotted, boolean fallback) {
        Object v = get(dotted);
        return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    public double number(String dotted, double fallback) {
        Object v = get(dotted);
        return v == null ? fallback : Double.parseDouble(v.toString());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String dotted) {
        Object v = get(dotted);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    /** Deep-merges the property maps of all jobs of an instance, later ones winning. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((k, v) -> {
            Object existing = result.get(k);
            if (existing instanceof Map && v instanceof Map) {
                result.put(k, merge((Map<String, Object>) existing, (Map<String, Object>) v));
            } else {
                result.put(k, v);
            }
        });
        return result;
    }
}
