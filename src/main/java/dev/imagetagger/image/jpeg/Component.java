package dev.imagetagger.image.jpeg;

import dev.imagetagger.image.Region;

/**
 * One colour component of the frame: its sampling factors and block grid, and while decoding its tables and output.
 * Block coordinates index the grid padded to whole MCUs ({@link #blocksPerLine} x {@link #blocksPerColumn}); a scan of
 * this component alone codes only the blocks that hold image samples ({@link #blocksWide} x {@link #blocksHigh}).
 */
final class Component {

    final int id;
    final int h;
    final int v;
    final int quantTable;
    /** Samples across and down at full size: ceil(image size x factor / max factor). */
    final int width;
    final int height;
    final int blocksWide;
    final int blocksHigh;
    final int blocksPerLine;
    final int blocksPerColumn;

    /**
     * The scale this component's blocks are decoded at, set with {@link #idct} before decoding: the image's, or half
     * of it for 4:2:0 chroma at 1/2 and 1/4, which then needs no upsampling ({@link #blockScale}).
     */
    int scale;
    ScaledIdct idct;
    /** Dequantisation factors in natural order, latched when the component's first scan starts. */
    int[] quant;
    /** The same in zig-zag order, 0 where the scaled IDCT ignores the coefficient ({@link ScaledIdct#zigzagFactors}). */
    int[] zigzagFactors;
    HuffmanTable dcTable;
    HuffmanTable acTable;
    int dcPredictor;
    /** Progressive only: coefficients of every block, {@code coefficientsPerBlock} a block, zig-zag order. */
    short[] coefficients;
    int coefficientsPerBlock;
    /**
     * The blocks whose samples the decoded region needs, in block columns and rows: only these are transformed, the
     * others entropy-decoded and dropped.
     */
    Region blocksRead;
    /** Decoded samples at the output scale, {@code planeStride} a row. */
    byte[] plane;
    int planeStride;

    Component(int id, int h, int v, int quantTable, Frame frame) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantTable = quantTable;
        this.width = ceilDiv((long) frame.width * h, frame.hMax);
        this.height = ceilDiv((long) frame.height * v, frame.vMax);
        this.blocksWide = ceilDiv(width, 8);
        this.blocksHigh = ceilDiv(height, 8);
        this.blocksPerLine = frame.mcusAcross * h;
        this.blocksPerColumn = frame.mcusDown * v;
    }

    /**
     * The scale to decode this component's blocks at for an image decoded at 1/{@code scale}. At 1/2 and 1/4, chroma
     * subsampled alike in both directions (4:2:0) is decoded at twice the scale, as libjpeg does when it scales: at
     * 1/4 its 8x8 blocks, which cover 16x16 pixels, become 4x4, the output's own grid. That keeps chroma detail that
     * upsampling 2x2 blocks would blur (the model's top-1 class then matches the full decode's more often) and skips
     * the upsampling. At 1/8 it would mean decoding the chroma's AC coefficients, measured 20 to 30 % more decoding
     * time for one more matching photo in 396, so there chroma stays at 1/8 and is upsampled, as it is at scale 1
     * (which matches libjpeg) and for other subsamplings.
     */
    int blockScale(int scale, Frame frame) {
        int ratio = frame.hMax / h;
        return ratio == frame.vMax / v && scale < 8 ? scale / Math.min(ratio, scale) : scale;
    }

    static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }
}
