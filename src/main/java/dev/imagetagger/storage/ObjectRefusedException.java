package dev.imagetagger.storage;

/** Thrown when S3 refuses an object for a reason a retry cannot fix; {@link #refusal()} says which. */
public class ObjectRefusedException extends RuntimeException {

    private final Refusal refusal;

    public ObjectRefusedException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
