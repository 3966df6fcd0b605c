package dev.imagetagger.image;

/**
 * The eight EXIF orientations: how the stored pixels must be turned for the photo to stand upright. Applied to the
 * small square crop, not the full image, because a centred square crop maps to a centred square crop under each of
 * them (and the shorter side, which the resize is based on, is the same either way).
 */
public enum Orientation {
    NORMAL,
    MIRROR_HORIZONTAL,
    ROTATE_180,
    MIRROR_VERTICAL,
    TRANSPOSE,
    ROTATE_90_CW,
    TRANSVERSE,
    ROTATE_90_CCW;

    /** The orientation of an EXIF Orientation tag value (1 to 8); anything else is treated as upright. */
    public static Orientation ofExifValue(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Whether the stored image's width and height are swapped relative to the upright photo. */
    public boolean swapsSides() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /** Whether the upright image's coordinates run against the stored x axis (stored columns read right to left). */
    public boolean reversesStoredX() {
        return this == MIRROR_HORIZONTAL || this == ROTATE_180 || this == TRANSVERSE || this == ROTATE_90_CCW;
    }

    /** Whether the upright image's coordinates run against the stored y axis (stored rows read bottom to top). */
    public boolean reversesStoredY() {
        return this == ROTATE_180 || this == MIRROR_VERTICAL || this == ROTATE_90_CW || this == TRANSVERSE;
    }

    /**
     * Turns a square {@code side x side} image of interleaved RGB floats upright.
     *
     * @return {@code stored} itself when upright, otherwise a new array
     */
    public float[] apply(float[] stored, int side) {
        if (this == NORMAL) {
            return stored;
        }
        // The stored pixel moves by a fixed step along each upright axis: walk it instead of mapping every pixel.
        int origin = storedPixel(0, 0, side) * 3;
        int stepX = storedPixel(1, 0, side) * 3 - origin;
        int stepY = storedPixel(0, 1, side) * 3 - origin;
        float[] upright = new float[stored.length];
        int to = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0, from = origin + y * stepY; x < side; x++, from += stepX, to += 3) {
                upright[to] = stored[from];
                upright[to + 1] = stored[from + 1];
                upright[to + 2] = stored[from + 2];
            }
        }
        return upright;
    }

    /** The index of the stored pixel that shows at ({@code x}, {@code y}) of the upright square. */
    private int storedPixel(int x, int y, int side) {
        int last = side - 1;
        return switch (this) {
            case NORMAL -> y * side + x;
            case MIRROR_HORIZONTAL -> y * side + last - x;
            case ROTATE_180 -> (last - y) * side + last - x;
            case MIRROR_VERTICAL -> (last - y) * side + x;
            case TRANSPOSE -> x * side + y;
            case ROTATE_90_CW -> (last - x) * side + y;
            case TRANSVERSE -> (last - x) * side + last - y;
            case ROTATE_90_CCW -> x * side + last - y;
        };
    }
}
