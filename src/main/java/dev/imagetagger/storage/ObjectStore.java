package dev.imagetagger.storage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Reads objects and their tags and writes tags, always for the exact version an event names. Translates S3's
 * errors into what the caller must do (see {@link S3Failures}): skip ({@link ObjectGoneException}), give up
 * ({@link ObjectRefusedException}) or retry ({@link StorageUnavailableException}).
 */
@ApplicationScoped
public class ObjectStore {

    private final S3Client s3;

    public ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The object's tags, in S3's order. */
    public Map<String, String> tags(ObjectRef ref) {
        return call(ref, "read the tags of", () -> {
            Map<String, String> tags = new LinkedHashMap<>();
            s3.getObjectTagging(r -> r.bucket(ref.bucket()).key(ref.key()).versionId(ref.versionId()))
                    .tagSet().forEach(tag -> tags.put(tag.key(), tag.value()));
            return tags;
        });
    }

    /**
     * Reads the object version. Its body is downloaded only when {@code worthReading} accepts its byte count;
     * otherwise the answer carries the size, version and ETag without the bytes, so that the caller can still tag
     * exactly the version it refused. Without a version id, the event's ETag must still match, so an overwritten
     * object is noticed rather than classified in its new form.
     */
    public StoredObject read(ObjectRef ref, LongPredicate worthReading) {
        return call(ref, "read", () -> {
            // Checksum mode: the SDK verifies the body against the checksum S3 stored with the object, if any.
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(ref.bucket()).key(ref.key())
                    .versionId(ref.versionId()).ifMatch(ref.versionId() == null ? quoted(ref.eTag()) : null)
                    .checksumMode(ChecksumMode.ENABLED))) {
                GetObjectResponse response = in.response();
                Long length = response.contentLength();
                if (length != null && !worthReading.test(length)) {
                    in.abort(); // do not download what will not be decoded
                    return new StoredObject(null, length, response.versionId(), response.eTag());
                }
                byte[] bytes = in.readAllBytes();
                // S3 never stores part of an object: fewer bytes than announced means the connection was cut, even
                // if it was closed cleanly. Never classify a partial image.
                if (length != null && bytes.length != length) {
                    throw new StorageUnavailableException(describe(ref, "read") + ": the body ended after "
                            + bytes.length + " of " + length + " bytes", null);
                }
                return new StoredObject(bytes, bytes.length, response.versionId(), response.eTag());
            } catch (IOException e) {
                throw SdkClientException.create("Reading the object body failed", e);
            }
        });
    }

    /** The entity tag of what the (unversioned) key holds now, quoted as S3 answers it. */
    public String currentETag(ObjectRef ref) {
        return call(ref, "check", () -> s3.headObject(r -> r.bucket(ref.bucket()).key(ref.key())).eTag());
    }

    /** Replaces the tag set of exactly {@code versionId} (or of the object, when unversioned). */
    public void putTags(ObjectRef ref, String versionId, Map<String, String> tags) {
        call(ref, "tag", () -> s3.putObjectTagging(r -> r.bucket(ref.bucket()).key(ref.key())
                .versionId(isVersion(versionId) ? versionId : null)
                .tagging(t -> t.tagSet(tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))));
    }

    /** Events carry the ETag bare; HTTP's If-Match wants it quoted. */
    private static String quoted(String eTag) {
        return eTag == null || eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }

    private static boolean isVersion(String versionId) {
        return versionId != null && !versionId.equals("null");
    }

    private static <T> T call(ObjectRef ref, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw S3Failures.translate(describe(ref, action), e);
        }
    }

    private static String describe(ObjectRef ref, String action) {
        return "Cannot " + action + " s3://" + ref.bucket() + "/" + ref.key()
                + (ref.versionId() != null ? " version " + ref.versionId() : "");
    }
}
