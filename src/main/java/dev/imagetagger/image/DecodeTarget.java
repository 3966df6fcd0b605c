package dev.imagetagger.image;

/**
 * What decoded pixels are for, so that a decoder can do less: the shorter side the image is resized to, which a
 * reduced-scale decode may cover, and the part of the decoded pixels that is ever read.
 */
public interface DecodeTarget {

    /** The shorter side the image is resized to: a decoder may hand over fewer pixels as long as they cover it. */
    int resizeShorterSide();

    /**
     * The pixels read of the rows decoded at 1/{@code scale} ({@code ceil(storedWidth / scale) x
     * ceil(storedHeight / scale)}) from an image stored {@code storedWidth x storedHeight} that {@code orientation}
     * turns upright. A decoder may leave the others unset.
     */
    Region readRegion(int storedWidth, int storedHeight, int scale, Orientation orientation);
}
