package io.binarybosh.e2e.bench;

import java.util.List;

/** Order statistics of a sample (nearest rank), in the sample's unit. */
record Stats(int count, double median, double max, double min, double mean) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = values.stream().sorted().toList();
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Stats(sorted.size(), percentile(sorted, 0.5), sorted.get(sorted.size() - 1), sorted.get(0), mean);
    }

    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
