package dev.imagetagger.tagging;

/** What happened to one object. */
public enum Outcome {
    /** Classified and tagged. */
    OK("ok"),
    /** Not an image, or a format the function does not decode; status tag written. */
    UNSUPPORTED("unsupported"),
    /** A broken image; status tag written. */
    CORRUPT("corrupt"),
    /** Over the byte or pixel limits; status tag written without decoding. */
    TOO_LARGE("too-large"),
    /** Already carries this model's tags (a re-delivered event or a repeated backfill): nothing read or written. */
    SKIPPED_ALREADY_TAGGED("skipped-already-tagged"),
    /** Deleted or overwritten since the event: nothing to tag. */
    SKIPPED_GONE("skipped-gone"),
    /** The key is outside the configured prefixes or suffixes. */
    SKIPPED_FILTERED("skipped-filtered"),
    /** The user's own tags fill all ten places S3 allows; classified but not tagged, the user's tags kept. */
    NO_ROOM("no-room"),
    /** S3 refused access: permanent, not retried. */
    ACCESS_DENIED("access-denied");

    private final String id;

    Outcome(String id) {
        this.id = id;
    }

    /** The word used in logs, metrics and the status tag. */
    public String id() {
        return id;
    }

    /** Whether the object was handled for good (tagged or deliberately left alone), i.e. not a failure. */
    public boolean handled() {
        return this != ACCESS_DENIED;
    }

    /** The outcome of an image rejected for the reason {@code outcome} ({@code unsupported}, {@code corrupt}...). */
    public static Outcome ofRejection(String outcome) {
        for (Outcome o : values()) {
            if (o.id.equals(outcome)) {
                return o;
            }
        }
        throw new IllegalArgumentException(outcome);
    }
}
