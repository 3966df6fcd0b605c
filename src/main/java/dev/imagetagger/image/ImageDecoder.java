package dev.imagetagger.image;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import dev.imagetagger.image.imageio.ImageIoDecoder;

/**
 * Decodes image bytes to pixels, safely: the format comes from the content, the byte size is checked before anything
 * is read and the size from the header before any pixel is decoded, and every decoder failure becomes a
 * {@link CorruptImageException} rather than a server error.
 */
@Startup // ImageIO's registry takes ~0.4 s to set up: pay it in the Lambda Init phase, not in the first invocation
@ApplicationScoped
public class ImageDecoder {

    /** Heap a decoded pixel is budgeted: 8-bit RGB. Decoders holding deeper pixels get fewer of them. */
    private static final int BUDGET_BYTES_PER_PIXEL = 3;

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
        ImageIoDecoder.prepare();
    }

    /** Refuses an encoded image larger than the byte limit, before it is read or decoded. */
    public void checkByteSize(long bytes) {
        if (bytes > limits.maxBytes()) {
            throw new ImageTooLargeException("The image is " + bytes + " bytes; the limit is " + limits.maxBytes()
                    + " bytes (tagger.image.max-bytes).");
        }
    }

    /**
     * Decodes {@code bytes}; the rows may come at a reduced scale whose shorter side still covers
     * {@code shorterSide}, the size the model's preprocessing resizes to.
     */
    public DecodedImage decode(byte[] bytes, int shorterSide) {
        checkByteSize(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UnsupportedImageException(
                "Not an image this function decodes (JPEG, PNG, GIF, BMP, TIFF or WebP)."));
        if (!format.decodable()) {
            throw new UnsupportedImageException(format.name() + " images are not supported; send JPEG, PNG, GIF, BMP, "
                    + "TIFF or WebP.");
        }
        Orientation orientation = format == ImageFormat.JPEG ? ExifOrientation.ofJpeg(bytes) : Orientation.NORMAL;
        PixelRows rows = ImageIoDecoder.decode(bytes, format, this::checkHeldSize);
        return DecodedImage.of(rows, format, orientation);
    }

    /** Checks the size a decoder that holds the whole image will need, before it decodes a pixel. */
    private void checkHeldSize(int width, int height, int bytesPerPixel) {
        checkPixelCount(width, height);
        long pixels = (long) width * height;
        if (pixels * bytesPerPixel > limits.maxPixels() * BUDGET_BYTES_PER_PIXEL) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " at " + bytesPerPixel
                    + " bytes a decoded pixel; the limit is " + limits.maxPixels() + " pixels at "
                    + BUDGET_BYTES_PER_PIXEL + " (tagger.image.max-pixels).");
        }
    }

    private void checkPixelCount(int width, int height) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new CorruptImageException("The image declares an empty size (" + width + "x" + height + ").");
        }
        if (pixels > limits.maxPixels()) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " (" + pixels
                    + " pixels); the limit is " + limits.maxPixels() + " pixels (tagger.image.max-pixels).");
        }
    }
}
