package dev.imagetagger.tagging;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.storage.ObjectRef;

/**
 * What happened to one object.
 *
 * @param object the object version
 * @param outcome the outcome
 * @param classification the classification, when the object was classified
 * @param detail why, for outcomes other than {@link Outcome#OK}
 * @param millis time spent on the object
 */
public record TaggingResult(ObjectRef object, Outcome outcome, Classification classification, String detail,
        long millis) {
}
