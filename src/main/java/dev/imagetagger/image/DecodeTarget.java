package dev.imagetagger.image;

/**
 * What decoded pixels are for, so that a decoder can do less: the shorter side the image is resized to, which a
 * reduced-scale decode may cover, and the part of the decoded pixels that is ever read.
 */
public interface DecodeTarget {

    /** The shorter side the image is resized to: a decoder may hand over fewer pixels as long as they cover it. */
    int resizeShorterSide();

    /**
     * The pixels read of {@code width x height} rows decoded (at full or reduced scale) from an image stored
     * {@code storedWidth x storedHeight} that {@code orientation} turns upright. A decoder may leave the others unset.
     */
    Region readRegion(int storedWidth, int storedHeight, Orientation orientation, int width, int height);
}
