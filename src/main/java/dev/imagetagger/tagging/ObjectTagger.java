package dev.imagetagger.tagging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.model.ModelSession;
import dev.imagetagger.storage.ObjectAccessDeniedException;
import dev.imagetagger.storage.ObjectGoneException;
import dev.imagetagger.storage.ObjectRef;
import dev.imagetagger.storage.ObjectStore;
import dev.imagetagger.storage.StoredObject;

/**
 * Classifies one S3 object version and writes the result onto it as tags, keeping the user's tags. Idempotent: an
 * object that already carries this model's tags is skipped after one cheap tag read. Knows nothing of Lambda.
 */
@ApplicationScoped
public class ObjectTagger {

    private final ObjectStore store;
    private final Classifier classifier;
    private final ImageDecoder decoder;
    private final TagSchema schema;
    private final KeyFilter filter;
    private final String modelId;
    private final boolean categorised;
    private final int topK;
    private final float minScore;

    public ObjectTagger(ObjectStore store, Classifier classifier, ImageDecoder decoder, ModelSession model,
            TagConfig config) {
        this.store = store;
        this.classifier = classifier;
        this.decoder = decoder;
        this.schema = new TagSchema(config.prefix());
        this.filter = new KeyFilter(config.keyPrefixes().orElse(List.of()), config.keySuffixes().orElse(List.of()));
        this.modelId = model.config().id();
        this.categorised = model.labels().categorised();
        this.topK = Math.max(1, config.topK());
        this.minScore = config.minScore();
    }

    /**
     * Reads and classifies one object version without tagging it.
     *
     * @throws ImageRejectedException when it is not a decodable image within the limits
     * @throws ObjectGoneException when it no longer exists
     * @throws ObjectAccessDeniedException when S3 refuses access
     * @throws dev.imagetagger.storage.StorageUnavailableException when S3 fails in a way a retry may fix
     */
    public Classification classify(ObjectRef object, int topK, float minScore) {
        return classifier.classify(store.read(object, decoder::checkByteSize).bytes(), topK, minScore);
    }

    /**
     * Tags one object version, or explains why not. For an {@link Trigger#EVENT}, keys outside the filters are
     * skipped and so is an object this model already tagged; an {@link Trigger#EXPLICIT} request always classifies.
     *
     * @throws dev.imagetagger.storage.StorageUnavailableException when S3 fails in a way a retry may fix
     */
    public TaggingResult tag(ObjectRef object, Trigger trigger) {
        long start = System.nanoTime();
        if (trigger == Trigger.EVENT && !filter.accepts(object.key())) {
            return result(object, Outcome.SKIPPED_FILTERED, null, "key outside the configured prefixes/suffixes", start);
        }
        try {
            Map<String, String> existing = store.tags(object);
            if (trigger == Trigger.EVENT && schema.alreadyTagged(existing, modelId, categorised)) {
                return result(object, Outcome.SKIPPED_ALREADY_TAGGED, null, "already tagged by " + modelId, start);
            }
            Outcome outcome;
            Map<String, String> ours;
            Classification classification = null;
            String detail = null;
            String version = object.versionId();
            try {
                StoredObject stored = store.read(object, decoder::checkByteSize);
                version = stored.versionId();
                classification = classifier.classify(stored.bytes(), topK, minScore);
                outcome = Outcome.OK;
                ours = schema.forClassification(classification, topK);
            } catch (ImageRejectedException e) {
                outcome = Outcome.ofRejection(e.outcome());
                detail = e.getMessage();
                ours = schema.forRejection(outcome, modelId);
            }
            Optional<Map<String, String>> merged = schema.merge(existing, ours);
            if (merged.isEmpty()) {
                return result(object, Outcome.NO_ROOM, classification,
                        "the object's own tags fill all " + TagSchema.MAX_TAGS + " places; they were kept", start);
            }
            store.putTags(object, version, merged.get());
            return result(object, outcome, classification, detail, start);
        } catch (ObjectGoneException e) {
            return result(object, Outcome.SKIPPED_GONE, null, e.getMessage(), start);
        } catch (ObjectAccessDeniedException e) {
            return result(object, Outcome.ACCESS_DENIED, null, e.getMessage(), start);
        }
    }

    /** Why an object is being tagged. */
    public enum Trigger {
        /** An S3 event or a backfill task: filtered, and idempotent. */
        EVENT,
        /** A caller named the object: always classified and tagged. */
        EXPLICIT
    }

    private static TaggingResult result(ObjectRef object, Outcome outcome, Classification classification,
            String detail, long start) {
        return new TaggingResult(object, outcome, classification, detail, (System.nanoTime() - start) / 1_000_000);
    }
}
