package dev.imagetagger.image;

/** A rectangle of pixels: columns [left, right) of rows [top, bottom). */
public record Region(int left, int top, int right, int bottom) {

    /** Every pixel of any image. */
    public static final Region ALL = new Region(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public Region {
        if (right < left || bottom < top) {
            throw new IllegalArgumentException("not a region: " + left + ", " + top + " to " + right + ", " + bottom);
        }
    }

    public boolean contains(int x, int y) {
        return x >= left && x < right && y >= top && y < bottom;
    }

    /** The part of this region inside a {@code width x height} image (possibly empty). */
    public Region within(int width, int height) {
        int l = Math.min(Math.max(left, 0), width);
        int t = Math.min(Math.max(top, 0), height);
        return new Region(l, t, Math.max(l, Math.min(right, width)), Math.max(t, Math.min(bottom, height)));
    }
}
