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
        int last = side - 1;
        float[] upright = new float[stored.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx;
                int sy;
                switch (this) {
                    case MIRROR_HORIZONTAL -> { sx = last - x; sy = y; }
                    case ROTATE_180 -> { sx = last - x; sy = last - y; }
                    case MIRROR_VERTICAL -> { sx = x; sy = last - y; }
                    case TRANSPOSE -> { sx = y; sy = x; }
                    case ROTATE_90_CW -> { sx = y; sy = last - x; }
                    case TRANSVERSE -> { sx = last - y; sy = last - x; }
                    case ROTATE_90_CCW -> { sx = last - y; sy = x; }
                    default -> throw new IllegalStateException();
                }
                System.arraycopy(stored, (sy * side + sx) * 3, upright, (y * side + x) * 3, 3);
            }
        }
        return upright;
    }
}
