package dev.imagetagger.image.jpeg;

/** YCbCr (JFIF, full range) to RGB with libjpeg's integer tables, so the result matches libjpeg's to the level. */
final class ColorConverter {

    private static final int SCALE_BITS = 16;
    private static final int HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_TO_R = new int[256];
    private static final int[] CB_TO_B = new int[256];
    private static final int[] CR_TO_G = new int[256];
    private static final int[] CB_TO_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_TO_R[i] = (fix(1.40200) * x + HALF) >> SCALE_BITS;
            CB_TO_B[i] = (fix(1.77200) * x + HALF) >> SCALE_BITS;
            CR_TO_G[i] = -fix(0.71414) * x;
            CB_TO_G[i] = -fix(0.34414) * x + HALF;
        }
    }

    private ColorConverter() {
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALE_BITS) + 0.5);
    }

    /** Converts columns [from, to) of the selected rows into the row of {@code out} that starts at {@code offset}. */
    static void yCbCrToRgb(Upsampler y, Upsampler cb, Upsampler cr, byte[] out, int offset, int from, int to) {
        byte[] ys = y.rowData;
        byte[] cbs = cb.rowData;
        byte[] crs = cr.rowData;
        int yo = y.rowOffset;
        int cbo = cb.rowOffset;
        int cro = cr.rowOffset;
        for (int x = from, o = offset + 3 * from; x < to; x++, o += 3) {
            int luma = ys[yo + x] & 0xFF;
            int blue = cbs[cbo + x] & 0xFF;
            int red = crs[cro + x] & 0xFF;
            out[o] = (byte) ScaledIdct.clamp(luma + CR_TO_R[red]);
            out[o + 1] = (byte) ScaledIdct.clamp(luma + ((CB_TO_G[blue] + CR_TO_G[red]) >> SCALE_BITS));
            out[o + 2] = (byte) ScaledIdct.clamp(luma + CB_TO_B[blue]);
        }
    }

    /** Components stored as R, G, B (Adobe transform 0, or ids 'R', 'G', 'B'): interleaved as they are. */
    static void rgb(Upsampler r, Upsampler g, Upsampler b, byte[] out, int offset, int from, int to) {
        for (int x = from, o = offset + 3 * from; x < to; x++, o += 3) {
            out[o] = r.rowData[r.rowOffset + x];
            out[o + 1] = g.rowData[g.rowOffset + x];
            out[o + 2] = b.rowData[b.rowOffset + x];
        }
    }
}
