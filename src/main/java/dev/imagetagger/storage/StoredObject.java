package dev.imagetagger.storage;

/**
 * The bytes of one object version.
 *
 * @param bytes the content
 * @param versionId the version that was read ({@code null} or {@code "null"} for an unversioned bucket)
 * @param eTag the entity tag of what was read, quoted as S3 answers it
 */
public record StoredObject(byte[] bytes, String versionId, String eTag) {

    /** Whether a version id pins these bytes; without one, the key may hold other bytes by the time it is tagged. */
    public boolean versioned() {
        return versionId != null && !versionId.equals("null");
    }
}
