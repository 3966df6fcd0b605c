package dev.imagetagger.image;

/**
 * The eight EXIF orientations: how the stored pixels must be turned for the photo to stand upright. The preprocessing
 * resizes the upright image, as the reference pipeline does (turn, then resize and crop), through a view that reads
 * each upright pixel from the stored pixel these mappings name ({@link UprightRows}).
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

    /** The stored column that upright pixel ({@code x}, {@code y}) comes from, in rows stored {@code width} wide. */
    public int storedX(int x, int y, int width) {
        int along = swapsSides() ? y : x;
        return reversesStoredX() ? width - 1 - along : along;
    }

    /** The stored row that upright pixel ({@code x}, {@code y}) comes from, in rows stored {@code height} high. */
    public int storedY(int x, int y, int height) {
        int along = swapsSides() ? x : y;
        return reversesStoredY() ? height - 1 - along : along;
    }

    /** The stored pixels of an {@code upright} region of rows stored {@code width x height}. */
    public Region storedRegion(Region upright, int width, int height) {
        boolean swaps = swapsSides();
        int left = swaps ? upright.top() : upright.left();
        int right = swaps ? upright.bottom() : upright.right();
        int top = swaps ? upright.left() : upright.top();
        int bottom = swaps ? upright.right() : upright.bottom();
        return new Region(reversesStoredX() ? width - right : left, reversesStoredY() ? height - bottom : top,
                reversesStoredX() ? width - left : right, reversesStoredY() ? height - top : bottom);
    }
}
