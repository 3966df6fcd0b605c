package dev.imagetagger.image;

/** Thrown when the bytes are not an image, or are an image in a format this function does not decode. */
public class UnsupportedImageException extends ImageRejectedException {

    public UnsupportedImageException(String message) {
        super(Rejection.UNSUPPORTED, message);
    }
}
