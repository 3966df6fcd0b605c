package dev.imagetagger.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** How the function reaches S3. Region and credentials come from the Lambda environment. */
@ConfigMapping(prefix = "tagger.s3")
public interface S3Config {

    /**
     * Endpoint override, for S3-compatible stores (LocalStack, MinIO, S3Mock). Defaults to the AWS SDKs' standard
     * {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}; unset means AWS S3.
     */
    Optional<URI> endpoint();

    /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
    @WithDefault("false")
    boolean pathStyle();

    /** Region; unset means the SDK's default chain ({@code AWS_REGION} on Lambda). */
    Optional<String> region();

    /** Buckets whose objects the HTTP API may read by reference; none by default, so by-reference calls get 403. */
    Optional<Set<@WithConverter(BucketName.class) String>> allowedBuckets();

    /** Limit on one S3 call, retries included; beyond it the invocation fails and Lambda retries it. */
    @WithDefault("20s")
    Duration apiCallTimeout();
}
