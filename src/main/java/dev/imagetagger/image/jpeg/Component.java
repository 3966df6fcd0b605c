package dev.imagetagger.image.jpeg;

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

    static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }
}
