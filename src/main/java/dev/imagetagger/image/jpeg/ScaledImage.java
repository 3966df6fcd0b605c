package dev.imagetagger.image.jpeg;

/**
 * A decoded image at 1/{@code scale} of the full size.
 *
 * @param width    ceil(full width / scale)
 * @param height   ceil(full height / scale)
 * @param channels 1 (grey) or 3 (R, G, B)
 * @param samples  row-major, channels interleaved, one unsigned byte a sample
 */
public record ScaledImage(int width, int height, int channels, byte[] samples, int scale) {
}
