package dev.imagetagger.image.jpeg;

/**
 * One colour component of the frame (T.81 B.2.2: Ci, Hi, Vi, Tqi) and the geometry that follows from the frame alone
 * (A.1.1, A.2). Block coordinates index the grid padded to whole MCUs ({@link #blocksPerLine} x
 * {@link #blocksPerColumn}); a scan of this component alone codes only the blocks that hold image samples
 * ({@link #blocksWide} x {@link #blocksHigh}, A.2.2). What a decode makes of it is in its {@link ComponentPlan}, and
 * what decoding builds up in its {@link ComponentState}.
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
