package dev.imagetagger.image;

/** An input that is not classified because of what it is; {@link #rejection()} says why. Never a server fault. */
public abstract class ImageRejectedException extends RuntimeException {

    private final Rejection rejection;

    protected ImageRejectedException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
