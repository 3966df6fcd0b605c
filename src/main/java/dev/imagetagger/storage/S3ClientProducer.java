package dev.imagetagger.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the one S3 client with the light URL-connection HTTP client (no Apache, no Netty); {@link S3WarmUp} builds
 * it during start-up.
 */
public class S3ClientProducer {

    @Produces
    @Singleton
    S3Client s3Client(S3Config config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(o -> o.apiCallTimeout(config.apiCallTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        config.region().map(Region::of).ifPresent(builder::region);
        return builder.build();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
