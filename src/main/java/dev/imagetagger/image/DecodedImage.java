package dev.imagetagger.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image as stored, with the orientation that turns it upright.
 *
 * @param pixels the stored pixels
 * @param format the format the bytes were in
 * @param orientation how the stored pixels must be turned to stand upright
 */
public record DecodedImage(BufferedImage pixels, ImageFormat format, Orientation orientation) {

    /** Width of the upright image. */
    public int width() {
        return orientation.swapsSides() ? pixels.getHeight() : pixels.getWidth();
    }

    /** Height of the upright image. */
    public int height() {
        return orientation.swapsSides() ? pixels.getWidth() : pixels.getHeight();
    }
}
