package dev.imagetagger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /classify} by reference: an S3 object on the allow-list.
 *
 * @param bucket the bucket (must be in {@code tagger.s3.allowed-buckets})
 * @param key the object key, as stored (not URL-encoded)
 * @param versionId the version to classify; the current one when absent
 * @param tag whether to write the result onto the object as tags
 */
@Schema(description = "An S3 object to classify, in a bucket on the allow-list.",
        requiredProperties = { "bucket", "key" })
public record ObjectReference(String bucket, String key, String versionId,
        @Schema(description = "Whether to write the result onto the object as tags.", defaultValue = "false")
        Boolean tag) {
}
