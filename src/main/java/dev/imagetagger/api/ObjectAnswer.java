package dev.imagetagger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.imagetagger.classify.Classification;

/**
 * The answer to {@code POST /classify} by reference: the classification, and what was written onto the object.
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the version asked for, if any
 * @param outcome {@code ok}, or {@code no-room} when the object's own tags left no place for ours
 * @param tagged whether tags were written
 * @param classification the classification
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The classification of an S3 object, and what was written onto it.",
        requiredProperties = { "bucket", "key", "outcome", "tagged", "model", "image", "predictions", "timings" })
public record ObjectAnswer(String bucket, String key, String versionId,
        @Schema(description = "classified: not tagged (tag was not true); ok: tagged; no-room: the object's own tags"
                + " left no place for ours.", enumeration = { "classified", "ok", "no-room" }) String outcome,
        boolean tagged,
        @JsonUnwrapped Classification classification) {
}
