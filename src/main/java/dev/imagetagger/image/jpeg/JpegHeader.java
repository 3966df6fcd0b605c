package dev.imagetagger.image.jpeg;

/**
 * What the frame header says, read before any pixel work.
 *
 * @param supported whether {@link JpegDecoder#decode} handles this coding; when false it throws
 *                  {@link UnsupportedJpegException}
 */
public record JpegHeader(int width, int height, boolean supported) {
}
