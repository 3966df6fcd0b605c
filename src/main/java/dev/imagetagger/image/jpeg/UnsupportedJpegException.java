package dev.imagetagger.image.jpeg;

/**
 * Thrown for a valid JPEG this decoder does not handle (arithmetic, lossless or hierarchical coding, 12-bit samples,
 * CMYK and other component counts): the caller hands such a file to a general decoder.
 */
public final class UnsupportedJpegException extends RuntimeException {

    public UnsupportedJpegException(String message) {
        super(message, null, false, false);
    }
}
