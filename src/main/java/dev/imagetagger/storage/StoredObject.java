package dev.imagetagger.storage;

/**
 * One object version, read.
 *
 * @param bytes the content, or {@code null} when it was not downloaded because of its size
 * @param size the byte count
 * @param versionId the version that was read ({@code null} or {@code "null"} for an unversioned bucket)
 * @param eTag the entity tag of what was read, quoted as S3 answers it
 */
public record StoredObject(byte[] bytes, long size, String versionId, String eTag) {

    /** Whether a version id pins these bytes; without one, the key may hold other bytes by the time it is tagged. */
    public boolean versioned() {
        return versionId != null && !versionId.equals("null");
    }
}
