package dev.imagetagger.image;

/**
 * An image's rows as RGB levels in [0, 255], read top to bottom. Decoders that stream (PNG) hand rows out as they
 * inflate them, so a caller must not ask for a row above one it has already read; closing releases what a
 * streaming decoder holds.
 */
public interface PixelRows extends AutoCloseable {

    int width();

    int height();

    /**
     * Fills {@code rgb[0, 3 * (to - from))} with columns {@code [from, to)} of row {@code y}, interleaved R, G, B.
     * Only the columns the crop needs are asked for: a 64,000,000 x 1 image needs a handful, not 768 MB of floats.
     */
    void read(int y, int from, int to, float[] rgb);

    /**
     * Fills, for each column {@code x} in {@code [from, to)}, {@code columns[x - from][0, 3 * count)} with rows
     * {@code [y, y + count)} of that column, interleaved R, G, B: the transposed strip the resampler's horizontal
     * pass works on. Rows as {@link #read(int, int, int, float[])} gives them; a source that holds its samples
     * writes them straight in.
     */
    default void readColumns(int y, int count, int from, int to, float[][] columns) {
        float[] line = new float[3 * (to - from)];
        for (int r = 0; r < count; r++) {
            read(y + r, from, to, line);
            for (int x = 0; x < to - from; x++) {
                float[] column = columns[x];
                column[r * 3] = line[x * 3];
                column[r * 3 + 1] = line[x * 3 + 1];
                column[r * 3 + 2] = line[x * 3 + 2];
            }
        }
    }

    /** Fills {@code rgb[0, 3 * width)} with the whole of row {@code y}. */
    default void read(int y, float[] rgb) {
        read(y, 0, width(), rgb);
    }

    @Override
    default void close() {
    }
}
