package dev.imagetagger.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the HTTP API. */
@ConfigMapping(prefix = "tagger.api")
public interface ApiConfig {

    /**
     * Largest image body accepted over HTTP, in bytes. A synchronous Lambda payload is at most 6 MB and API Gateway
     * sends binary bodies base64-encoded (4/3 larger), so 4.5 MiB is the most that can arrive; larger images are
     * classified by reference to S3.
     */
    @WithDefault("4718592")
    long maxBodyBytes();

    /** Largest {@code topK} a caller may ask for. */
    @WithDefault("100")
    int maxTopK();
}
