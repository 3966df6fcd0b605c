package dev.imagetagger.image;

/**
 * Stored rows seen turned upright, without copying them: upright pixel (x, y) is read from the stored pixel its
 * {@link Orientation} maps it to. Resizing this view is resizing the upright image, to the bit: the same passes in
 * the same order, the same taps and the same rounding as turning first and resizing after. The stored rows are read
 * in any order, so they must be held in memory (a JPEG's samples, an ImageIO image), not streamed.
 */
final class UprightRows implements PixelRows {

    private final PixelRows stored;
    private final Orientation orientation;
    /** A stored row's run of pixels, before it is reversed or scattered into upright order. */
    private float[] line = new float[0];

    private UprightRows(PixelRows stored, Orientation orientation) {
        this.stored = stored;
        this.orientation = orientation;
    }

    /** {@code stored} seen upright: itself when {@code orientation} is upright. */
    static PixelRows of(PixelRows stored, Orientation orientation) {
        return orientation == Orientation.NORMAL ? stored : new UprightRows(stored, orientation);
    }

    @Override
    public int width() {
        return orientation.swapsSides() ? stored.height() : stored.width();
    }

    @Override
    public int height() {
        return orientation.swapsSides() ? stored.width() : stored.height();
    }

    @Override
    public void read(int y, int from, int to, float[] rgb) {
        int count = to - from;
        if (orientation.swapsSides()) { // an upright row is a stored column: a pixel from each stored row
            int x = orientation.storedX(0, y, stored.width());
            float[] pixel = line(1);
            for (int i = 0; i < count; i++) {
                stored.read(orientation.storedY(from + i, y, stored.height()), x, x + 1, pixel);
                System.arraycopy(pixel, 0, rgb, 3 * i, 3);
            }
            return;
        }
        int first = Math.min(orientation.storedX(from, y, stored.width()), orientation.storedX(to - 1, y,
                stored.width()));
        float[] run = line(count);
        stored.read(orientation.storedY(0, y, stored.height()), first, first + count, run);
        copy(run, count, orientation.reversesStoredX(), rgb);
    }

    /**
     * Under a quarter turn an upright column is a stored row: each upright column of the strip is one run of a stored
     * row, read in one call. Otherwise row by row, as any rows.
     */
    @Override
    public void readColumns(int y, int count, int from, int to, float[][] columns) {
        if (!orientation.swapsSides()) {
            PixelRows.super.readColumns(y, count, from, to, columns);
            return;
        }
        int first = Math.min(orientation.storedX(from, y, stored.width()),
                orientation.storedX(from, y + count - 1, stored.width()));
        float[] run = line(count);
        for (int x = from; x < to; x++) {
            stored.read(orientation.storedY(x, y, stored.height()), first, first + count, run);
            copy(run, count, orientation.reversesStoredX(), columns[x - from]);
        }
    }

    /** Copies the first {@code count} pixels of {@code run}, in reverse order if asked. */
    private static void copy(float[] run, int count, boolean reversed, float[] to) {
        if (!reversed) {
            System.arraycopy(run, 0, to, 0, 3 * count);
            return;
        }
        for (int i = 0, from = 3 * (count - 1); i < 3 * count; i += 3, from -= 3) {
            to[i] = run[from];
            to[i + 1] = run[from + 1];
            to[i + 2] = run[from + 2];
        }
    }

    private float[] line(int pixels) {
        if (line.length < 3 * pixels) {
            line = new float[3 * pixels];
        }
        return line;
    }
}
