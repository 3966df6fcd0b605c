package dev.imagetagger.image;

/** Thrown when an image exceeds the byte or pixel limits, before its pixels are decoded. */
public class ImageTooLargeException extends ImageRejectedException {

    public ImageTooLargeException(String message) {
        super(Rejection.TOO_LARGE, message);
    }
}
