package dev.imagetagger.storage;

/**
 * One S3 object version, as an event names it.
 *
 * @param bucket the bucket
 * @param key the object key, already URL-decoded
 * @param versionId the version the event is about, or {@code null} (unversioned bucket, or not given)
 * @param eTag the entity tag the event saw, or {@code null}; used to notice an overwrite when there is no version
 */
public record ObjectRef(String bucket, String key, String versionId, String eTag) {
}
