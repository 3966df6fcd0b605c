package dev.imagetagger.image.jpeg;

/**
 * What the frame header says, read before any pixel work.
 *
 * @param supported whether {@link JpegDecoder#decode} handles this coding; when false it throws
 *                  {@link UnsupportedJpegException}
 */
public record JpegHeader(int width, int height, int components, boolean progressive, boolean supported) {

    /** The width decoded at 1/{@code scale}: ceil(width / scale). */
    public int scaledWidth(int scale) {
        return Component.ceilDiv(width, scale);
    }

    /** The height decoded at 1/{@code scale}: ceil(height / scale). */
    public int scaledHeight(int scale) {
        return Component.ceilDiv(height, scale);
    }
}
