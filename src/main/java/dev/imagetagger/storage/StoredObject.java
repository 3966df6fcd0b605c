package dev.imagetagger.storage;

/**
 * The bytes of one object version.
 *
 * @param bytes the content
 * @param versionId the version that was read ({@code null} or {@code "null"} for an unversioned bucket)
 */
public record StoredObject(byte[] bytes, String versionId) {
}
