package dev.imagetagger.image.png;

/** Thrown for a valid PNG that this decoder does not stream (interlaced); the caller decodes it another way. */
public final class UnsupportedPngException extends RuntimeException {

    public UnsupportedPngException(String message) {
        super(message, null, false, false);
    }
}
