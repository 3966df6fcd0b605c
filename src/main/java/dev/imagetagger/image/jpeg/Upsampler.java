package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.Region;

/**
 * Brings one component's rows to the output grid. Components at full resolution are read in place. Chroma halved in
 * one or both directions (4:2:2, 4:4:0, 4:2:0) gets libjpeg's "fancy" triangle filter, as the JDK's decoder applies it:
 * each output sample weighs the nearer input sample 3/4 and the farther 1/4, edges replicated, with libjpeg's
 * alternating rounding biases. Other ratios (4:1:1, ...) replicate samples, as libjpeg does. At a reduced scale the
 * same rules apply to the reduced planes: 4:2:0 chroma decoded at 1/8 is upsampled from 1/16 (at 1/2 and 1/4 it is
 * decoded at twice the scale and needs none, see {@link Component#blockScale}).
 *
 * <p>Only the output columns of a region are computed, and {@link #blocksRead} says which of the component's blocks
 * they need: the triangle filter reads a sample either side, which may lie in the next block.
 */
final class Upsampler {

    private final Component component;
    /** Samples across and down of the component at the output scale. */
    private final int width;
    private final int height;
    private final int hRatio;
    private final int vRatio;
    /** The output columns computed, [from, to). */
    private final int from;
    private final int to;
    private final byte[] buffer;
    private final int[] columnSums;
    /** The component's blocks the region's samples come from, in block columns and rows. */
    final Region blocksRead;

    /** The row selected by {@link #select}: {@link #rowData} from {@link #rowOffset}. */
    byte[] rowData;
    int rowOffset;

    /**
     * For the output {@code region} of an image decoded at 1/{@code scale}, {@code outputWidth} wide. Made before the
     * scans, to tell which blocks to transform: the component's {@link Component#idct} must be set, its plane only
     * by the first {@link #select}.
     */
    Upsampler(Component c, Frame frame, int scale, int outputWidth, Region region) {
        this.component = c;
        this.width = Component.ceilDiv((long) frame.width * c.h, (long) frame.hMax * c.scale);
        this.height = Component.ceilDiv((long) frame.height * c.v, (long) frame.vMax * c.scale);
        // Chroma decoded at a larger scale than the image (see Component.blockScale) needs less upsampling.
        this.hRatio = frame.hMax / c.h * c.scale / scale;
        this.vRatio = frame.vMax / c.v * c.scale / scale;
        this.from = region.left();
        this.to = region.right();
        boolean inPlace = hRatio == 1 && vRatio != 2;
        this.buffer = inPlace ? null : new byte[Math.max(outputWidth, width * hRatio)];
        this.columnSums = hRatio == 2 && vRatio == 2 ? new int[width] : null;
        boolean fancyAcross = hRatio == 2 && vRatio <= 2;
        boolean fancyDown = vRatio == 2 && hRatio <= 2;
        int n = c.idct.size;
        this.blocksRead = new Region(firstRead(from, hRatio, fancyAcross) / n,
                firstRead(region.top(), vRatio, fancyDown) / n,
                lastRead(to, hRatio, fancyAcross, width) / n + 1,
                lastRead(region.bottom(), vRatio, fancyDown, height) / n + 1);
    }

    /** The first sample along an axis that outputs from {@code from} read: one more before for the filter. */
    private static int firstRead(int from, int ratio, boolean fancy) {
        return fancy ? Math.max(0, from / 2 - 1) : from / ratio;
    }

    /** The last sample along an axis of {@code size} that outputs before {@code to} read. */
    private static int lastRead(int to, int ratio, boolean fancy, int size) {
        return Math.min(size - 1, fancy ? (to - 1) / 2 + 1 : (to - 1) / ratio);
    }

    void select(int y) {
        byte[] plane = component.plane;
        int stride = component.planeStride;
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
