package dev.imagetagger.image;

/** An input that is not classified because of what it is; the subclass says why. Never a server fault. */
public abstract class ImageRejectedException extends RuntimeException {

    protected ImageRejectedException(String message) {
        super(message, null, false, false);
    }

    /** The outcome word reported in responses, logs and S3 status tags. */
    public abstract String outcome();
}
