package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.Region;

/**
 * Brings one component's rows to the output grid. Components at full resolution are read in place. Chroma halved in
 * one or both directions (4:2:2, 4:4:0, 4:2:0) gets libjpeg's "fancy" triangle filter, as the JDK's decoder applies it:
 * each output sample weighs the nearer input sample 3/4 and the farther 1/4, edges replicated, with libjpeg's
 * alternating rounding biases. Other ratios (4:1:1, ...) replicate samples, as libjpeg does. At a reduced scale the
 * same rules apply to the reduced planes: 4:2:0 chroma decoded at 1/8 is upsampled from 1/16 (at 1/2 and 1/4 it is
 * decoded at twice the scale and needs none, see {@link ComponentPlan#of}). Only the output columns of a region are
 * computed.
 */
final class Upsampler {

    private final byte[] plane;
    private final int stride;
    /** Samples across and down of the component at its block scale. */
    private final int width;
    private final int height;
    private final int hRatio;
    private final int vRatio;
    /** The output columns computed, [from, to). */
    private final int from;
    private final int to;
    private final byte[] buffer;
    private final int[] columnSums;

    /** The row selected by {@link #select}: {@link #rowData} from {@link #rowOffset}. */
    byte[] rowData;
    int rowOffset;

    /** For the decoded {@code plane} of a component planned as {@code plan}, onto {@code output} of the image. */
    Upsampler(ComponentPlan plan, byte[] plane, Region output, int outputWidth) {
        this.plane = plane;
        this.stride = plan.planeStride();
        this.width = plan.width();
        this.height = plan.height();
        this.hRatio = plan.hRatio();
        this.vRatio = plan.vRatio();
        this.from = output.left();
        this.to = output.right();
        boolean inPlace = hRatio == 1 && vRatio != 2;
        this.buffer = inPlace ? null : new byte[Math.max(outputWidth, width * hRatio)];
        this.columnSums = hRatio == 2 && vRatio == 2 ? new int[width] : null;
    }

    /** Whether the triangle filter runs across: reading a sample either side ({@link ComponentPlan#blocksRead}). */
    static boolean fancyAcross(int hRatio, int vRatio) {
        return hRatio == 2 && vRatio <= 2;
    }

    /** Whether the triangle filter runs down. */
    static boolean fancyDown(int hRatio, int vRatio) {
        return vRatio == 2 && hRatio <= 2;
    }

    void select(int y) {
        if (hRatio == 1 && vRatio == 2) {
            rowData = buffer;
            rowOffset = 0;
            fancyVertical(plane, stride, y);
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
            fancyHorizontal(plane, y * stride);
        } else if (hRatio == 2 && vRatio == 2) {
            fancyBoth(plane, stride, y);
        } else {
            replicate(plane, (y / vRatio) * stride);
        }
    }

    private void fancyHorizontal(byte[] plane, int row) {
        int last = width - 1;
        for (int x = from >> 1, end = (to - 1) >> 1; x <= end; x++) {
            int near = 3 * (plane[row + x] & 0xFF);
            buffer[2 * x] = (byte) ((near + (plane[row + Math.max(x - 1, 0)] & 0xFF) + 1) >> 2);
            buffer[2 * x + 1] = (byte) ((near + (plane[row + Math.min(x + 1, last)] & 0xFF) + 2) >> 2);
        }
    }

    private void fancyVertical(byte[] plane, int stride, int y) {
        int nearRow = y >> 1;
        int farRow = Math.max(0, Math.min(height - 1, (y & 1) == 0 ? nearRow - 1 : nearRow + 1));
        int near = nearRow * stride;
        int far = farRow * stride;
        int bias = 1 + (y & 1);
        for (int x = from; x < to; x++) {
            buffer[x] = (byte) ((3 * (plane[near + x] & 0xFF) + (plane[far + x] & 0xFF) + bias) >> 2);
        }
    }

    private void fancyBoth(byte[] plane, int stride, int y) {
        int nearRow = y >> 1;
        int farRow = Math.max(0, Math.min(height - 1, (y & 1) == 0 ? nearRow - 1 : nearRow + 1));
        int near = Math.min(nearRow, height - 1) * stride;
        int far = farRow * stride;
        int[] sums = columnSums;
        int last = width - 1;
        int first = from >> 1;
        int end = (to - 1) >> 1;
        for (int x = Math.max(first - 1, 0), sumsEnd = Math.min(end + 1, last); x <= sumsEnd; x++) {
            sums[x] = 3 * (plane[near + x] & 0xFF) + (plane[far + x] & 0xFF);
        }
        for (int x = first; x <= end; x++) {
            int sum = 3 * sums[x];
            buffer[2 * x] = (byte) ((sum + sums[Math.max(x - 1, 0)] + 8) >> 4);
            buffer[2 * x + 1] = (byte) ((sum + sums[Math.min(x + 1, last)] + 7) >> 4);
        }
    }

    private void replicate(byte[] plane, int row) {
        for (int x = from; x < to; x++) {
            buffer[x] = plane[row + x / hRatio];
        }
    }
}
