package dev.imagetagger.storage;

import java.io.IOException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The S3 SDK's request and response path, run once per JVM without a connection: the calls of the tagging
 * workflow go through a throwaway client with placeholder credentials whose HTTP client answers them itself
 * ({@link RehearsalHttpClient}), so they are marshalled, signed, checked and unmarshalled (classes loaded, code
 * compiled) without being sent. It needs nothing of the application, so the managed runtime's handler runs it while
 * Quarkus boots; {@link S3WarmUp} runs it otherwise. It touches no network and no credentials: safe before a
 * SnapStart checkpoint.
 */
public final class S3Rehearsal {

    private static final String BUCKET = "rehearsal";
    private static final String KEY = ".image-tagger-warm-up/rehearsal";

    /** What the rehearsal did, for the start-up log; null until it has run. */
    private static String outcome;

    private S3Rehearsal() {
    }

    /**
     * Runs the rehearsal unless it has run (a second caller waits for the first), without logging: it may run before
     * Quarkus has set up logging.
     *
     * @return what it did, as "rehearsed in N ms" or "skipped: reason"
     */
    public static synchronized String run() {
        if (outcome == null) {
            long started = System.nanoTime();
            try {
                rehearse();
                outcome = "rehearsed in " + (System.nanoTime() - started) / 1_000_000 + " ms";
            } catch (IOException | RuntimeException e) {
                outcome = "skipped (the first invocation pays for it): " + e.getMessage();
            }
        }
        return outcome;
    }

    private static void rehearse() throws IOException {
        // Any region will do: nothing is sent. Lambda's own keeps the endpoint rules on the path they take there.
        String region = System.getenv("AWS_REGION");
        try (S3Client rehearsal = S3Client.builder()
                .region(region == null ? Region.US_EAST_1 : Region.of(region))
                .httpClient(new RehearsalHttpClient())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal",
                        "rehearsal")))
                .build()) {
            rehearsal.getObjectTagging(r -> r.bucket(BUCKET).key(KEY).versionId("v"));
            try (ResponseInputStream<GetObjectResponse> body = rehearsal.getObject(r -> r.bucket(BUCKET).key(KEY)
                    .ifMatch("\"rehearsal\"").checksumMode(ChecksumMode.ENABLED))) {
                body.readAllBytes();
            }
            rehearsal.headObject(r -> r.bucket(BUCKET).key(KEY));
            rehearsal.putObjectTagging(r -> r.bucket(BUCKET).key(KEY)
                    .tagging(t -> t.tagSet(s -> s.key("tagger-status").value("ok"))));
        }
    }
}
