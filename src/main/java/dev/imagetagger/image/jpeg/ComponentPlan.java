package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.Region;

/**
 * One component's part of a {@link DecodePlan}: the scale its blocks are decoded at, and from it the size of their
 * inverse DCT, the plane they are written to, the upsampling to the output grid and the blocks the output region
 * needs.
 *
 * @param blockScale           the scale the component's blocks are decoded at (see {@link #of})
 * @param idctSize             side of a decoded block: 8 / blockScale
 * @param width                samples across at the block scale, image area only
 * @param height               samples down at the block scale
 * @param planeStride          samples in a row of the plane: every block of the grid padded to whole MCUs
 * @param planeRows            rows of the plane
 * @param hRatio               output columns per sample (1, or the upsampling factor across)
 * @param vRatio               output rows per sample
 * @param blocksRead           the blocks the output region's samples come from, in block columns and rows: only
 *                             these are transformed, the others entropy-decoded and dropped
 * @param coefficientsPerBlock progressive files: coefficients kept per block until the last scan (at 1/8 the DC
 *                             alone)
 */
record ComponentPlan(int blockScale, int idctSize, int width, int height, int planeStride, int planeRows, int hRatio,
        int vRatio, Region blocksRead, int coefficientsPerBlock) {

    /**
     * The plan of component {@code c} for the {@code output} region of an image decoded at 1/{@code scale}.
     *
     * <p>At 1/2 and 1/4, chroma subsampled alike in both directions (4:2:0) is decoded at twice the scale, as
     * libjpeg does when it scales: at 1/4 its 8x8 blocks, which cover 16x16 pixels, become 4x4, the output's own
     * grid. That keeps chroma detail that upsampling 2x2 blocks would blur (the model's top-1 class then matches the
     * full decode's more often) and skips the upsampling. At 1/8 it would mean decoding the chroma's AC
     * coefficients, measured 20 to 30 % more decoding time for one more matching photo in 396, so there chroma stays
     * at 1/8 and is upsampled, as it is at scale 1 (which matches libjpeg) and for other subsamplings.
     *
     * <p>The triangle filter of {@link Upsampler} reads a sample either side of the ones it upsamples, which may lie
     * in the next block: the blocks read include them.
     */
    static ComponentPlan of(Component c, Frame frame, int scale, Region output) {
        int ratio = frame.hMax / c.h;
        int blockScale = ratio == frame.vMax / c.v && scale < 8 ? scale / Math.min(ratio, scale) : scale;
        int size = 8 / blockScale;
        // T.81 A.1.1: a component spans ceil(X x H / Hmax) samples, here at the block scale.
        int width = Component.ceilDiv((long) frame.width * c.h, (long) frame.hMax * blockScale);
        int height = Component.ceilDiv((long) frame.height * c.v, (long) frame.vMax * blockScale);
        int hRatio = frame.hMax / c.h * blockScale / scale;
        int vRatio = frame.vMax / c.v * blockScale / scale;
        boolean fancyAcross = Upsampler.fancyAcross(hRatio, vRatio);
        boolean fancyDown = Upsampler.fancyDown(hRatio, vRatio);
        Region blocksRead = new Region(firstRead(output.left(), hRatio, fancyAcross) / size,
                firstRead(output.top(), vRatio, fancyDown) / size,
                lastRead(output.right(), hRatio, fancyAcross, width) / size + 1,
                lastRead(output.bottom(), vRatio, fancyDown, height) / size + 1);
        return new ComponentPlan(blockScale, size, width, height, c.blocksPerLine * size, c.blocksPerColumn * size,
                hRatio, vRatio, blocksRead, blockScale == 8 ? 1 : 64);
    }

    /** The first sample along an axis that outputs from {@code from} read: one more before for the filter. */
    private static int firstRead(int from, int ratio, boolean fancy) {
        return fancy ? Math.max(0, from / 2 - 1) : from / ratio;
    }

    /** The last sample along an axis of {@code size} that outputs before {@code to} read. */
    private static int lastRead(int to, int ratio, boolean fancy, int size) {
        return Math.min(size - 1, fancy ? (to - 1) / 2 + 1 : (to - 1) / ratio);
    }
}
