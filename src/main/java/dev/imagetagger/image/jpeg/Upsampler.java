package dev.imagetagger.image.jpeg;

/**
 * Brings one component's rows to the output grid. Components at full resolution are read in place. Chroma halved in
 * one or both directions (4:2:2, 4:4:0, 4:2:0) gets libjpeg's "fancy" triangle filter, as the JDK's decoder applies it:
 * each output sample weighs the nearer input sample 3/4 and the farther 1/4, edges replicated, with libjpeg's
 * alternating rounding biases. Other ratios (4:1:1, ...) replicate samples, as libjpeg does. At a reduced scale the
 * same rules apply to the reduced planes: 4:2:0 chroma decoded at 1/8 is upsampled from 1/16 (at 1/2 and 1/4 it is
 * decoded at twice the scale and needs none, see {@link Component#blockScale}).
 */
final class Upsampler {

    private final byte[] plane;
    private final int stride;
    /** Samples across and down of the component at the output scale. */
    private final int width;
    private final int height;
    private final int hRatio;
    private final int vRatio;
    private final int outputWidth;
    private final byte[] buffer;
    private final int[] columnSums;

    /** The row selected by {@link #select}: {@link #rowData} from {@link #rowOffset}. */
    byte[] rowData;
    int rowOffset;

    Upsampler(Component c, Frame frame, int scale, int outputWidth) {
        this.plane = c.plane;
        this.stride = c.planeStride;
        this.width = Component.ceilDiv((long) frame.width * c.h, (long) frame.hMax * c.scale);
        this.height = Component.ceilDiv((long) frame.height * c.v, (long) frame.vMax * c.scale);
        // Chroma decoded at a larger scale than the image (see Component.blockScale) needs less upsampling.
        this.hRatio = frame.hMax / c.h * c.scale / scale;
        this.vRatio = frame.vMax / c.v * c.scale / scale;
        this.outputWidth = outputWidth;
        boolean inPlace = hRatio == 1 && vRatio != 2;
        this.buffer = inPlace ? null : new byte[Math.max(outputWidth, width * hRatio)];
        this.columnSums = hRatio == 2 && vRatio == 2 ? new int[width] : null;
    }

    void select(int y) {
        if (hRatio == 1 && vRatio == 2) {
            rowData = buffer;
            rowOffset = 0;
            fancyVertical(y);
            return;
        }
        if (hRatio == 1) {
            rowData = plane;
            rowOffset = (y / vRatio) * stride;
            return;
        }
        rowData = buffer;
        rowOffset = 0;
        if (hRatio == 2 && vRatio == 1) {
            fancyHorizontal(y * stride);
        } else if (hRatio == 2 && vRatio == 2) {
            fancyBoth(y);
        } else {
            replicate(y);
        }
    }

    private void fancyHorizontal(int row) {
        int last = width - 1;
        for (int x = 0; x <= last; x++) {
            int near = 3 * (plane[row + x] & 0xFF);
            buffer[2 * x] = (byte) ((near + (plane[row + Math.max(x - 1, 0)] & 0xFF) + 1) >> 2);
            buffer[2 * x + 1] = (byte) ((near + (plane[row + Math.min(x + 1, last)] & 0xFF) + 2) >> 2);
        }
    }

    private void fancyVertical(int y) {
        int nearRow = y >> 1;
        int farRow = Math.max(0, Math.min(height - 1, (y & 1) == 0 ? nearRow - 1 : nearRow + 1));
        int near = nearRow * stride;
        int far = farRow * stride;
        int bias = 1 + (y & 1);
        for (int x = 0; x < width; x++) {
            buffer[x] = (byte) ((3 * (plane[near + x] & 0xFF) + (plane[far + x] & 0xFF) + bias) >> 2);
        }
    }

    private void fancyBoth(int y) {
        int nearRow = y >> 1;
        int farRow = Math.max(0, Math.min(height - 1, (y & 1) == 0 ? nearRow - 1 : nearRow + 1));
        int near = Math.min(nearRow, height - 1) * stride;
        int far = farRow * stride;
        int[] sums = columnSums;
        int last = width - 1;
        for (int x = 0; x <= last; x++) {
            sums[x] = 3 * (plane[near + x] & 0xFF) + (plane[far + x] & 0xFF);
        }
        for (int x = 0; x <= last; x++) {
            int sum = 3 * sums[x];
            buffer[2 * x] = (byte) ((sum + sums[Math.max(x - 1, 0)] + 8) >> 4);
            buffer[2 * x + 1] = (byte) ((sum + sums[Math.min(x + 1, last)] + 7) >> 4);
        }
    }

    private void replicate(int y) {
        int row = (y / vRatio) * stride;
        for (int x = 0; x < outputWidth; x++) {
            buffer[x] = plane[row + x / hRatio];
        }
    }
}
