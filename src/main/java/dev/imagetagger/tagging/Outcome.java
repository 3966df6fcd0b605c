package dev.imagetagger.tagging;

/** What happened to one object. */
public enum Outcome {
    /** Classified and tagged. */
    OK("ok", true),
    /** Not an image, or a format the function does not decode; status tag written. */
    UNSUPPORTED("unsupported", true),
    /** A broken image; status tag written. */
    CORRUPT("corrupt", true),
    /** Over the byte or pixel limits; status tag written without decoding. */
    TOO_LARGE("too-large", true),
    /** Already carries this model's tags (a re-delivered event or a repeated backfill): nothing read or written. */
    SKIPPED_ALREADY_TAGGED("skipped-already-tagged", false),
    /** Deleted or overwritten since the event: nothing to tag. */
    SKIPPED_GONE("skipped-gone", false),
    /** The key is outside the configured prefixes or suffixes. */
    SKIPPED_FILTERED("skipped-filtered", false),
    /** The user's own tags fill all ten places S3 allows; classified but not tagged, the user's tags kept. */
    NO_ROOM("no-room", false),
    /** S3 refused access: permanent, not retried. */
    ACCESS_DENIED("access-denied", false);

    private final String id;
    private final boolean tagged;

    Outcome(String id, boolean tagged) {
        this.id = id;
        this.tagged = tagged;
    }

    /** The word used in logs, metrics and the status tag. */
    public String id() {
        return id;
    }

    /** Whether the object received (or keeps) a status tag for this outcome. */
    public boolean tagged() {
        return tagged;
    }

    /** Whether the object was handled for good (tagged or deliberately left alone), i.e. not a failure. */
    public boolean handled() {
        return this != ACCESS_DENIED;
    }

    public static Outcome ofRejection(String outcome) {
        for (Outcome o : values()) {
            if (o.id.equals(outcome)) {
                return o;
            }
        }
        throw new IllegalArgumentException(outcome);
    }
}
