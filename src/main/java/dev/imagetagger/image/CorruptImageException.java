package dev.imagetagger.image;

/** Thrown when the bytes look like a supported image format but cannot be decoded. */
public class CorruptImageException extends ImageRejectedException {

    public CorruptImageException(String message) {
        super(Rejection.CORRUPT, message);
    }
}
