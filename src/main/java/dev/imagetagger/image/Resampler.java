package dev.imagetagger.image;

import java.util.Arrays;

/**
 * Antialiased resize, as PIL and libvips do it: a triangle (bilinear) filter whose support widens with the
 * downscale factor, so every source pixel contributes. Plain bilinear sampling from a large photo aliases and
 * changes labels. Only a window of the resized image is computed, which keeps extreme aspect ratios cheap.
 *
 * <p>Like Pillow's resize (the zoo's reference preprocessing), each pass rounds to whole 8-bit levels. The int8
 * model is sensitive enough for that to matter: unrounded, 4 of the 200 shared sample photos change their top-1
 * class and top-1 accuracy drops from the reference's 85.5 % to 83.5 %.
 */
final class Resampler {

    /** Set (to "buildtime" or "runtime") in a GraalVM native image, whose compiler does not vectorise loops. */
    private static final boolean NATIVE_IMAGE = System.getProperty("org.graalvm.nativeimage.imagecode") != null;

    private Resampler() {
    }

    /**
     * Resizes {@code source} to {@code outWidth x outHeight} (which may be far larger than an int array: only the
     * window is computed) and returns the window at ({@code left}, {@code top}) of
     * {@code width x height} as interleaved RGB levels in [0, 255] (whole numbers, as floats), row by row.
     */
    static float[] resizeWindow(PixelRows source, long outWidth, long outHeight, long left, long top, int width,
            int height) {
        return resizeWindow(source, source.width(), source.height(), outWidth, outHeight, left, top, width, height);
    }

    /**
     * As above, for a source that covers {@code extentX x extentY} of its own pixels: a JPEG decoded at 1/8 is
     * {@code ceil(width / 8)} wide but spans {@code width / 8}, and mapping by the rounded-up size would shift the crop.
     */
    static float[] resizeWindow(PixelRows source, double extentX, double extentY, long outWidth, long outHeight,
            long left, long top, int width, int height) {
        Taps columns = Taps.of(source.width(), extentX, outWidth, left, width);
        Taps rows = Taps.of(source.height(), extentY, outHeight, top, height);
        HorizontalPass horizontal = new HorizontalPass(source, columns, rows);
        int rowLength = width * 3;
        float[] sums = new float[rowLength];
        float[] out = new float[rowLength * height];
        for (int y = 0; y < height; y++) {
            int start = rows.start[y];
            horizontal.filterUpTo(start + rows.count[y]);
            // Vertical pass, a tap at a time over a whole row: each output sums the same terms in the same order as
            // tap by tap per output would, but the inner loop runs over contiguous values at the same index in both
            // arrays, which the JIT vectorises.
            Arrays.fill(sums, 0f);
            for (int t = 0; t < rows.count[y]; t++) {
                float weight = rows.weights[y * rows.stride + t];
                float[] row = horizontal.row(start + t);
                for (int x = 0; x < rowLength; x++) {
                    sums[x] += weight * row[x];
                }
            }
            for (int x = 0; x < rowLength; x++) {
                sums[x] = level(sums[x]);
            }
            System.arraycopy(sums, 0, out, y * rowLength, rowLength);
        }
        return out;
    }

    /**
     * The source pixels {@link #resizeWindow} reads from a {@code sourceWidth x sourceHeight} source given the same
     * arguments: a decoder can skip the others.
     */
    static Region sourceRegion(int sourceWidth, int sourceHeight, double extentX, double extentY, long outWidth,
            long outHeight, long left, long top, int width, int height) {
        Taps columns = Taps.of(sourceWidth, extentX, outWidth, left, width);
        Taps rows = Taps.of(sourceHeight, extentY, outHeight, top, height);
        return new Region(columns.first(), rows.first(), columns.end(), rows.end());
    }

    /**
     * Rounds to the nearest 8-bit level as Pillow does, floor(x + 1/2); the filter weights are positive and sum to
     * one, so no value leaves 0-255. Java 17's C2 does not vectorise that in double (nor a cast to int and back), so
     * under a JIT the same number comes from float arithmetic: {@code n} is x rounded half to even (adding 2^23 leaves
     * no fraction bits), and a half ({@code x - n == 1/2}, where {@code x - n} is exact and otherwise at most
     * 1/2 - 2^-25) turns {@code t} into 1 instead of at most 0, so that {@code (t + |t|) / 2}, max(t, 0), adds the
     * one. A native image does not vectorise, and there the double is cheaper than those ten operations. Both are
     * checked against each other for every float in [0, 512].
     */
    static float level(float x) {
        return NATIVE_IMAGE ? (float) Math.floor(x + 0.5d) : levelInFloats(x);
    }

    static float levelInFloats(float x) {
        float n = (x + 0x1p23f) - 0x1p23f;
        float t = 1f + (x - n - 0.5f) * 0x1p25f;
        return n + (t + Math.abs(t)) * 0.5f;
    }

    /** For each output position of the window: the first source position, the tap count and the weights. */
    static final class Taps {
        final int[] start;
        final int[] count;
        final float[] weights;
        final int stride;

        private Taps(int[] start, int[] count, float[] weights, int stride) {
            this.start = start;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Taps of(int inSize, double inExtent, long outSize, long from, int length) {
            double scale = inExtent / outSize;
            double support = Math.max(1.0, scale);
            int stride = (int) Math.ceil(support) * 2 + 2;
            int[] start = new int[length];
            int[] count = new int[length];
            float[] weights = new float[length * stride];
            for (int i = 0; i < length; i++) {
                double center = (from + i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
                int hi = Math.min(inSize, (int) Math.floor(center + support + 0.5));
                if (hi <= lo) { // the window reaches past a border: repeat the edge pixel
                    lo = Math.min(Math.max(0, (int) center), inSize - 1);
                    hi = lo + 1;
                }
                double sum = 0;
                for (int j = lo; j < hi; j++) {
                    double w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / support));
                    weights[i * stride + j - lo] = (float) w;
                    sum += w;
                }
                for (int j = lo; j < hi; j++) {
                    weights[i * stride + j - lo] = sum > 0 ? (float) (weights[i * stride + j - lo] / sum)
                            : 1f / (hi - lo);
                }
                start[i] = lo;
                count[i] = hi - lo;
            }
            return new Taps(start, count, weights, stride);
        }

        int first() {
            int min = Integer.MAX_VALUE;
            for (int s : start) {
                min = Math.min(min, s);
            }
            return min;
        }

        int end() {
            int max = 0;
            for (int i = 0; i < start.length; i++) {
                max = Math.max(max, start[i] + count[i]);
            }
            return max;
        }

        /** The most taps any output position has. */
        int maxCount() {
            int max = 0;
            for (int c : count) {
                max = Math.max(max, c);
            }
            return max;
        }
    }

    /**
     * The horizontal pass, source row by source row as the vertical pass asks for them, into a ring of filtered rows:
     * output rows move down the source, so a row no longer needed is overwritten by one further down, and each
     * source row is filtered once. Rows are filtered {@value #STRIP} at a time, transposed so that a column holds
     * the strip's rows side by side: a tap is then one multiply-add over a contiguous run of every row's three
     * channels, which the JIT vectorises, and each output is the same sum in the same order as tap by tap per value.
     */
    private static final class HorizontalPass {

        private static final int STRIP = 32;

        private final PixelRows source;
        private final Taps columns;
        private final int firstColumn;
        private final int lastColumn;
        private final int endRow;
        /** Per source column, the strip's rows as interleaved RGB. */
        private final float[][] strip;
        private final float[] sums = new float[STRIP * 3];
        /** The ring: source row {@code y} is at {@code y % filtered.length}. */
        private final float[][] filtered;
        /** The rows of {@link #filtered} the strip's rows go to. */
        private final float[][] targets = new float[STRIP][];
        private int nextRow;

        HorizontalPass(PixelRows source, Taps columns, Taps rows) {
            this.source = source;
            this.columns = columns;
            this.firstColumn = columns.first();
            this.lastColumn = columns.end();
            this.nextRow = rows.first();
            this.endRow = rows.end();
            this.strip = new float[lastColumn - firstColumn][STRIP * 3];
            // An output row's taps, and the rest of the strip its last tap was filtered with.
            this.filtered = new float[rows.maxCount() + STRIP][columns.start.length * 3];
        }

        /** Filters the source rows up to {@code end} (exclusive) that are not filtered yet. */
        void filterUpTo(int end) {
            while (nextRow < end) {
                filterStrip(Math.min(STRIP, endRow - nextRow));
            }
        }

        /** The filtered source row {@code y}, which must be one of the last rows filtered. */
        float[] row(int y) {
            if (y < nextRow - filtered.length || y >= nextRow) {
                throw new IllegalStateException("Row " + y + " is not held: the filter taps must move down");
            }
            return filtered[y % filtered.length];
        }

        private void filterStrip(int count) {
            source.readColumns(nextRow, count, firstColumn, lastColumn, strip);
            for (int r = 0; r < count; r++) {
                targets[r] = filtered[(nextRow + r) % filtered.length];
            }
            int values = count * 3;
            for (int i = 0; i < columns.start.length; i++) {
                Arrays.fill(sums, 0f);
                for (int t = 0; t < columns.count[i]; t++) {
                    float weight = columns.weights[i * columns.stride + t];
                    float[] column = strip[columns.start[i] + t - firstColumn];
                    for (int k = 0; k < values; k++) {
                        sums[k] += weight * column[k];
                    }
                }
                for (int k = 0; k < values; k++) {
                    sums[k] = level(sums[k]);
                }
                for (int r = 0; r < count; r++) {
                    float[] row = targets[r];
                    row[i * 3] = sums[r * 3];
                    row[i * 3 + 1] = sums[r * 3 + 1];
                    row[i * 3 + 2] = sums[r * 3 + 2];
                }
            }
            nextRow += count;
        }
    }
}
