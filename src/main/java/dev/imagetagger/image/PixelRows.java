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

    /** Fills {@code rgb[0, 3 * width)} with the whole of row {@code y}. */
    default void read(int y, float[] rgb) {
        read(y, 0, width(), rgb);
    }

    @Override
    default void close() {
    }
}
