package dev.imagetagger.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a benchmark's samples, as every report here prints them. */
final class Percentiles {

    private Percentiles() {
    }

    /** The upper median: the middle value, or the higher of the two middle ones. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double p95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }
}
