package dev.imagetagger.tagging;

import dev.imagetagger.image.Rejection;
import dev.imagetagger.storage.Refusal;

/** What happened to one object. */
public enum Outcome {
    /** Classified and tagged. */
    OK("ok"),
    /** Not an image, or a format the function does not decode; status tag written. */
    UNSUPPORTED(Rejection.UNSUPPORTED),
    /** A broken image; status tag written. */
    CORRUPT(Rejection.CORRUPT),
    /** Over the byte or pixel limits; status tag written without decoding. */
    TOO_LARGE(Rejection.TOO_LARGE),
    /** Already carries this model's tags (a re-delivered event or a repeated backfill): nothing read or written. */
    SKIPPED_ALREADY_TAGGED("skipped-already-tagged"),
    /** Deleted or overwritten since the event: nothing to tag. */
    SKIPPED_GONE("skipped-gone"),
    /** The key is outside the configured prefixes or suffixes. */
    SKIPPED_FILTERED("skipped-filtered"),
    /** A folder marker (zero bytes, key ending in {@code /}, what "Create folder" makes): not an image, not tagged. */
    SKIPPED_FOLDER("skipped-folder"),
    /** The user's own tags fill all ten places S3 allows; classified but not tagged, the user's tags kept. */
    NO_ROOM("no-room"),
    /** S3 refused access: permanent, not retried, not tagged. */
    ACCESS_DENIED("access-denied", Refusal.ACCESS_DENIED),
    /** An archived object, not readable until restored: permanent, not retried, not tagged (a later backfill is). */
    ARCHIVED("archived", Refusal.ARCHIVED),
    /** The version named is a delete marker: permanent, not retried. */
    DELETE_MARKER("delete-marker", Refusal.DELETE_MARKER),
    /** S3 refused the request for good (a malformed version id, an object encrypted with a customer key). */
    INVALID_REQUEST("invalid-request", Refusal.INVALID_REQUEST);

    private final String id;
    private final Rejection rejection;
    private final Refusal refusal;

    Outcome(String id) {
        this(id, null, null);
    }

    Outcome(Rejection rejection) {
        this(rejection.id(), rejection, null);
    }

    Outcome(String id, Refusal refusal) {
        this(id, null, refusal);
    }

    Outcome(String id, Rejection rejection, Refusal refusal) {
        this.id = id;
        this.rejection = rejection;
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

    /** Why the image was not classified, for the outcomes that tag a status; {@code null} for the others. */
    public Rejection rejection() {
        return rejection;
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

    /** The outcome of an image rejected for {@code rejection}. */
    public static Outcome of(Rejection rejection) {
        for (Outcome o : values()) {
            if (o.rejection == rejection) {
                return o;
            }
        }
        throw new IllegalArgumentException(rejection.name());
    }
}
