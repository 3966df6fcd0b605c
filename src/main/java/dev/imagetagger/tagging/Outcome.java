package dev.imagetagger.tagging;

import dev.imagetagger.storage.Refusal;

/** What happened to one object. */
public enum Outcome {
    /** Classified and tagged. */
    OK("ok", null),
    /** Not an image, or a format the function does not decode; status tag written. */
    UNSUPPORTED("unsupported", null),
    /** A broken image; status tag written. */
    CORRUPT("corrupt", null),
    /** Over the byte or pixel limits; status tag written without decoding. */
    TOO_LARGE("too-large", null),
    /** Already carries this model's tags (a re-delivered event or a repeated backfill): nothing read or written. */
    SKIPPED_ALREADY_TAGGED("skipped-already-tagged", null),
    /** Deleted or overwritten since the event: nothing to tag. */
    SKIPPED_GONE("skipped-gone", null),
    /** The key is outside the configured prefixes or suffixes. */
    SKIPPED_FILTERED("skipped-filtered", null),
    /** The user's own tags fill all ten places S3 allows; classified but not tagged, the user's tags kept. */
    NO_ROOM("no-room", null),
    /** S3 refused access: permanent, not retried, not tagged. */
    ACCESS_DENIED("access-denied", Refusal.ACCESS_DENIED),
    /** An archived object, not readable until restored: permanent, not retried, not tagged (a later backfill is). */
    ARCHIVED("archived", Refusal.ARCHIVED),
    /** The version named is a delete marker: permanent, not retried. */
    DELETE_MARKER("delete-marker", Refusal.DELETE_MARKER),
    /** S3 refused the request for good (a malformed version id, an object encrypted with a customer key). */
    INVALID_REQUEST("invalid-request", Refusal.INVALID_REQUEST);

    private final String id;
    private final Refusal refusal;

    Outcome(String id, Refusal refusal) {
        this.id = id;
        this.refusal = refusal;
    }

    /** The word used in logs, metrics and the status tag. */
    public String id() {
        return id;
    }

    /** Why S3 refused the object, for the outcomes that are permanent failures; {@code null} for the others. */
    public Refusal refusal() {
        return refusal;
    }

    /** Whether the object could not be handled and never will be as it is: reported, not retried. */
    public boolean permanentFailure() {
        return refusal != null;
    }

    /** The outcome of an object S3 refuses. */
    public static Outcome of(Refusal refusal) {
        for (Outcome o : values()) {
            if (o.refusal == refusal) {
                return o;
            }
        }
        throw new IllegalArgumentException(refusal.name());
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
