package dev.imagetagger.image.png;

import dev.imagetagger.image.CorruptImageException;

/**
 * Reads the rows of raw pixel bytes one after the other and undoes their filters, holding only the previous and the
 * current row. Both rows start with {@code stride} zero bytes, so the filters find a zero left of the first pixel
 * without a branch; before the first row the previous one is all zeros, as the spec says.
 */
final class Scanlines {

    private final int stride;
    private final int rowBytes;
    private final byte[] filter = new byte[1];
    private byte[] current;
    private byte[] previous;

    Scanlines(int stride, int rowBytes) {
        this.stride = stride;
        this.rowBytes = rowBytes;
        this.current = new byte[stride + rowBytes];
        this.previous = new byte[stride + rowBytes];
    }

    /** Reads and unfilters the next row from {@code data}. */
    void next(IdatStream data) {
        byte[] swap = previous;
        previous = current;
        current = swap;
        data.readFully(filter, 0, 1);
        data.readFully(current, stride, rowBytes);
        int end = stride + rowBytes;
        switch (filter[0]) {
            case 0 -> {
            }
            case 1 -> sub(current, stride, end);
            case 2 -> up(current, previous, stride, end);
            case 3 -> average(current, previous, stride, end);
            case 4 -> paeth(current, previous, stride, end);
            default -> throw new CorruptImageException("A PNG row has an unknown filter type "
                    + (filter[0] & 0xFF) + ".");
        }
    }

    /** The current row; its pixel bytes start at {@link #offset()}. */
    byte[] row() {
        return current;
    }

    int offset() {
        return stride;
    }

    private static void sub(byte[] row, int stride, int end) {
        for (int i = stride; i < end; i++) {
            row[i] += row[i - stride];
        }
    }

    private static void up(byte[] row, byte[] above, int stride, int end) {
        for (int i = stride; i < end; i++) {
            row[i] += above[i];
        }
    }

    private static void average(byte[] row, byte[] above, int stride, int end) {
        for (int i = stride; i < end; i++) {
            row[i] += ((row[i - stride] & 0xFF) + (above[i] & 0xFF)) >>> 1;
        }
    }

    private static void paeth(byte[] row, byte[] above, int stride, int end) {
        for (int i = stride; i < end; i++) {
            int a = row[i - stride] & 0xFF;
            int b = above[i] & 0xFF;
            int c = above[i - stride] & 0xFF;
            int pa = Math.abs(b - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + b - 2 * c);
            row[i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
