package dev.imagetagger.api;

/**
 * The body of {@code POST /classify} by reference: an S3 object on the allow-list.
 *
 * @param bucket the bucket (must be in {@code tagger.s3.allowed-buckets})
 * @param key the object key, as stored (not URL-encoded)
 * @param versionId the version to classify; the current one when absent
 * @param tag whether to write the result onto the object as tags
 */
public record ObjectReference(String bucket, String key, String versionId, Boolean tag) {
}
