package dev.imagetagger.api;

/** Thrown when an HTTP caller names a bucket outside {@code tagger.s3.allowed-buckets}; nothing is read. */
public class BucketNotAllowedException extends RuntimeException {

    public BucketNotAllowedException(String bucket) {
        super("Bucket '" + bucket + "' is not on this function's allow-list (tagger.s3.allowed-buckets).", null, false,
                false);
    }
}
