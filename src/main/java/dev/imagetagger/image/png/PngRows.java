package dev.imagetagger.image.png;

import java.util.Objects;

import dev.imagetagger.image.PixelRows;

/**
 * A forward-only reader of a PNG's rows as RGB floats. It ends its inflater after the last row or a failure; call
 * {@link #close()} when stopping earlier (otherwise the garbage collector frees it).
 */
public final class PngRows implements PixelRows {

    private final PngHeader header;
    private final Scanlines scanlines;
    private final IdatStream data;
    private final PixelUnpacker unpacker;
    private int decoded = -1;
    private boolean closed;
    private boolean failed;

    PngRows(PngHeader header, Scanlines scanlines, IdatStream data, PixelUnpacker unpacker) {
        this.header = header;
        this.scanlines = scanlines;
        this.data = data;
        this.unpacker = unpacker;
    }

    @Override
    public int width() {
        return header.width();
    }

    @Override
    public int height() {
        return header.height();
    }

    /**
     * Fills {@code rgb[0, 3 * (to - from))} with columns {@code [from, to)} of row {@code y} as floats in [0, 255].
     * {@code y} must not decrease between calls; rows in between are decoded and dropped.
     *
     * @throws dev.imagetagger.image.CorruptImageException if the data is broken before row {@code y} is complete
     */
    @Override
    public void read(int y, int from, int to, float[] rgb) {
        Objects.checkIndex(y, header.height());
        Objects.checkFromToIndex(from, to, header.width());
        if (y < decoded) {
            throw new IllegalArgumentException("Rows are read forwards: row " + y + " after row " + decoded + ".");
        }
        if (rgb.length < 3L * (to - from)) {
            throw new IllegalArgumentException("The columns need " + 3L * (to - from) + " floats, not " + rgb.length
                    + ".");
        }
        if (failed || y > decoded && closed) {
            throw new IllegalStateException("The PNG rows are closed" + (failed ? " after a failure." : "."));
        }
        try {
            while (decoded < y) {
                scanlines.next(data);
                decoded++;
            }
        } catch (RuntimeException e) {
            // The current row is half overwritten: nothing more can be read.
            failed = true;
            close();
            throw e;
        }
        if (y == header.height() - 1) {
            close();
        }
        unpacker.toRgb(scanlines.row(), scanlines.offset(), from, to, rgb);
    }

    /** Frees the inflater; rows already read stay readable, later ones do not. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            data.close();
        }
    }
}
