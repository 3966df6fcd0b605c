package dev.imagetagger.tagging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.model.Label;
import dev.imagetagger.storage.ObjectGoneException;
import dev.imagetagger.storage.ObjectRef;
import dev.imagetagger.storage.ObjectRefusedException;
import dev.imagetagger.storage.ObjectStore;
import dev.imagetagger.storage.StorageUnavailableException;
import dev.imagetagger.storage.StoredObject;

/**
 * Classifies one S3 object version and writes the result onto it as tags, keeping the user's tags. Idempotent: an
 * object that already carries this model's tags is skipped after one cheap tag read. Knows nothing of Lambda.
 */
@ApplicationScoped
public class ObjectTagger {

    /** Classifications of an unversioned key overwritten meanwhile, before giving up and taking our tags off. */
    private static final int MAX_ATTEMPTS = 3;

    private final ObjectStore store;
    private final Classifier classifier;
    private final TagSchema schema;
    private final KeyFilter filter;
    private final String modelId;
    private final List<Label> classes;
    private final int topK;
    private final float minScore;

    public ObjectTagger(ObjectStore store, Classifier classifier, TagConfig config) {
        this.store = store;
        this.classifier = classifier;
        this.schema = new TagSchema(config.prefix());
        this.filter = new KeyFilter(config.keyPrefixes().orElse(List.of()), config.keySuffixes().orElse(List.of()));
        this.modelId = classifier.modelId();
        this.classes = classifier.classes();
        this.topK = Math.max(1, config.topK());
        this.minScore = config.minScore();
    }

    /**
     * Reads and classifies one object version without tagging it.
     *
     * @throws ImageRejectedException when it is not a decodable image within the limits
     * @throws ObjectGoneException when it no longer exists
     * @throws ObjectRefusedException when S3 refuses it for good (access denied, archived...)
     * @throws StorageUnavailableException when S3 fails in a way a retry may fix
     */
    public Classification classify(ObjectRef object, int topK, float minScore) {
        StoredObject stored = store.read(object, classifier::withinByteLimit);
        if (isFolderMarker(object, stored)) {
            throw new FolderMarkerException(folderMarker(object));
        }
        classifier.checkByteSize(stored.size());
        return classifier.classify(stored.bytes(), topK, minScore);
    }

    /**
     * Tags one object version, or explains why not. For an {@link Trigger#EVENT}, keys outside the filters are
     * skipped and so is an object this model already tagged; an {@link Trigger#EXPLICIT} request always classifies.
     *
     * @throws StorageUnavailableException when S3 fails in a way a retry may fix
     */
    public TaggingResult tag(ObjectRef object, Trigger trigger) {
        long start = System.nanoTime();
        if (trigger == Trigger.EVENT && !filter.accepts(object.key())) {
            return result(object, Outcome.SKIPPED_FILTERED, null, "key outside the configured prefixes/suffixes", start);
        }
        try {
            if (trigger == Trigger.EVENT && schema.alreadyTagged(store.tags(object), modelId, classes)) {
                return result(object, Outcome.SKIPPED_ALREADY_TAGGED, null, "already tagged by " + modelId, start);
            }
            ObjectRef target = object;
            for (int attempt = 1; ; attempt++) {
                Verdict verdict = judge(target);
                if (verdict.tags() == null) {
                    return result(object, verdict, attempt, start); // nothing of ours belongs on it
                }
                // Read again right before writing, so that a tag someone wrote while we classified is kept. S3 has
                // no conditional tag write: this narrows the window from the classification to one round trip.
                ObjectRef judged = verdict.stored().versioned()
                        ? new ObjectRef(object.bucket(), object.key(), verdict.stored().versionId(), null)
                        : object;
                Optional<Map<String, String>> merged = schema.merge(store.tags(judged), verdict.tags());
                if (merged.isEmpty()) {
                    return result(object, Outcome.NO_ROOM, verdict.classification(),
                            "the object's own tags fill all " + TagSchema.MAX_TAGS + " places; they were kept", start);
                }
                store.putTags(judged, verdict.stored().versionId(), merged.get());
                if (verdict.stored().versioned()) {
                    return result(object, verdict, attempt, start); // the tags are on exactly the bytes judged
                }
                // Without a version, the tags went onto whatever the key held at that moment: if it was overwritten
                // since we read it, they describe another image, and its own event would skip it as tagged.
                String now = store.currentETag(object);
                if (now.equals(verdict.stored().eTag())) {
                    return result(object, verdict, attempt, start);
                }
                if (attempt == MAX_ATTEMPTS) {
                    store.putTags(object, null, schema.withoutOurs(store.tags(object)));
                    throw new StorageUnavailableException("s3://" + object.bucket() + "/" + object.key()
                            + " was overwritten " + attempt + " times while being classified; our tags were removed",
                            null);
                }
                target = new ObjectRef(object.bucket(), object.key(), null, null); // judge what the key holds now
            }
        } catch (ObjectGoneException e) {
            return result(object, Outcome.SKIPPED_GONE, null, e.getMessage(), start);
        } catch (ObjectRefusedException e) {
            return result(object, Outcome.of(e.refusal()), null, e.getMessage(), start);
        }
    }

    /** Reads the object and judges it: our tags for its classification, or for why it is not classified. */
    private Verdict judge(ObjectRef object) {
        StoredObject stored = store.read(object, classifier::withinByteLimit);
        if (isFolderMarker(object, stored)) {
            return new Verdict(stored, Outcome.SKIPPED_FOLDER, null, folderMarker(object), null);
        }
        try {
            classifier.checkByteSize(stored.size()); // an object too large to download is refused here, limit named
            Classification classification = classifier.classify(stored.bytes(), topK, minScore);
            return new Verdict(stored, Outcome.OK, classification, null, schema.forClassification(classification, topK));
        } catch (ImageRejectedException e) {
            Outcome outcome = Outcome.of(e.rejection());
            return new Verdict(stored, outcome, null, e.getMessage(), schema.forRejection(outcome, modelId));
        }
    }

    /** What the S3 console's "Create folder" makes: no image, and no place for an image's status. */
    private static boolean isFolderMarker(ObjectRef object, StoredObject stored) {
        return stored.size() == 0 && object.key().endsWith("/");
    }

    private static String folderMarker(ObjectRef object) {
        return "s3://" + object.bucket() + "/" + object.key() + " is a folder marker (zero bytes, key ending in /),"
                + " not an image; it is not tagged.";
    }

    /**
     * @param tags our tags to write, or {@code null} when nothing is written (a folder marker)
     */
    private record Verdict(StoredObject stored, Outcome outcome, Classification classification, String detail,
            Map<String, String> tags) {
    }

    /** Why an object is being tagged. */
    public enum Trigger {
        /** An S3 event or a backfill task: filtered, and idempotent. */
        EVENT,
        /** A caller named the object: always classified and tagged. */
        EXPLICIT
    }

    private static TaggingResult result(ObjectRef object, Verdict verdict, int attempt, long start) {
        String overwritten = attempt == 1 ? null
                : "overwritten while being classified: the new content was classified and tagged";
        return result(object, verdict.outcome(), verdict.classification(),
                verdict.detail() == null ? overwritten : verdict.detail(), start);
    }

    private static TaggingResult result(ObjectRef object, Outcome outcome, Classification classification,
            String detail, long start) {
        return new TaggingResult(object, outcome, classification, detail, (System.nanoTime() - start) / 1_000_000);
    }
}
