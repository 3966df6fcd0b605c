package dev.imagetagger.storage;

/** Why S3 refuses an object for good: the same request fails the same way until someone changes something. */
public enum Refusal {
    /** 403 {@code AccessDenied} (or another 403): the function's role, a bucket or key policy, or KMS forbids it. */
    ACCESS_DENIED,
    /** 403 {@code InvalidObjectState}: an archived object (Glacier, Deep Archive, an archive tier); restore it first. */
    ARCHIVED,
    /** 405 {@code MethodNotAllowed}: the version named is a delete marker. */
    DELETE_MARKER,
    /**
     * Any other 4xx, e.g. 400 {@code InvalidArgument} (a malformed version id) or {@code InvalidRequest} (an object
     * encrypted with a customer-provided key, which the function never has).
     */
    INVALID_REQUEST
}
