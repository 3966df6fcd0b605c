package dev.imagetagger.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Moves the S3 client's first-use costs out of the first invocation into start-up (Lambda's Init phase): building
 * the client, loading and compiling the SDK's request path, and opening the connection to S3. Without this, the first
 * S3-triggered invocation of a cold function took about 600 ms longer than the next ones.
 * <p>
 * The SDK's request and response path is rehearsed offline: the three calls of the tagging workflow go through a
 * throwaway client with placeholder credentials whose HTTP client answers them itself ({@link RehearsalHttpClient}),
 * so they are marshalled, signed, checked and unmarshalled without being sent. The connection is then opened by one
 * real call against a bucket the function serves (one of {@code tagger.s3.allowed-buckets}, which the SAM template
 * sets to the tagged bucket): a read of the tags of an object that does not exist, whose error answer is ignored.
 * <p>
 * On an on-demand cold start this runs on a thread of its own, beside the loading and warm-up of the model on the main
 * thread (Init gets two vCPUs' worth of CPU: about 0.5 s less Init on two cores), and Init ends once both are done.
 * <p>
 * Under SnapStart nothing of the environment may be kept in the snapshot: the rehearsal runs before the checkpoint
 * (it touches no network and no credentials), and the connection is opened after each restore, with the restored
 * environment's credentials.
 */
@Singleton
public class S3WarmUp implements Resource {

    private static final Logger LOG = Logger.getLogger(S3WarmUp.class);
    /** Never written: its tags are only ever read, and the 404 answer is what is expected. */
    private static final String ABSENT_KEY = ".image-tagger-warm-up/absent";
    /** Named in the rehearsal's requests, which are never sent. */
    private static final String REHEARSAL_KEY = ".image-tagger-warm-up/rehearsal";
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(2);
    /** Before every other start-up observer (the model's loading and warm-up among them), and after all of them. */
    private static final int FIRST = 0;
    private static final int LAST = Integer.MAX_VALUE;

    private final Provider<S3Client> s3;
    private final S3Config config;
    private CompletableFuture<Void> priming = CompletableFuture.completedFuture(null);

    S3WarmUp(Provider<S3Client> s3, S3Config config) {
        this.s3 = s3;
        this.config = config;
    }

    void onStart(@Observes @Priority(FIRST) StartupEvent event) {
        // Held weakly by the global context; this singleton lives as long as the application.
        Core.getGlobalContext().register(this);
        if (!"snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming = CompletableFuture.runAsync(() -> {
                rehearse();
                connect();
            }, work -> {
                Thread thread = new Thread(work, "s3-warm-up");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    /** Init ends with the client primed, so that the first invocation finds it so. */
    void awaitPrimed(@Observes @Priority(LAST) StartupEvent event) {
        priming.join();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        rehearse();
        client(); // built, but unconnected: it resolves credentials on its first call, after the restore
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        connect();
    }

    /** Runs the workflow's calls through a throwaway client whose HTTP client answers them; nothing is sent. */
    void rehearse() {
        long started = System.nanoTime();
        String bucket = bucket();
        try (S3Client rehearsal = S3ClientProducer.builder(config).httpClient(new RehearsalHttpClient())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal",
                        "rehearsal")))
                .build()) {
            rehearsal.getObjectTagging(r -> r.bucket(bucket).key(REHEARSAL_KEY).versionId("v"));
            try (ResponseInputStream<GetObjectResponse> body = rehearsal.getObject(r -> r.bucket(bucket)
                    .key(REHEARSAL_KEY).ifMatch("\"rehearsal\""))) {
                body.readAllBytes();
            }
            rehearsal.putObjectTagging(r -> r.bucket(bucket).key(REHEARSAL_KEY)
                    .tagging(t -> t.tagSet(s -> s.key("tagger-status").value("ok"))));
            LOG.infof("S3 request path rehearsed in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.infof("S3 rehearsal skipped (the first invocation pays for it): %s", e.getMessage());
        }
    }

    /** Opens the function's client's connection with one read whose answer is ignored. */
    void connect() {
        long started = System.nanoTime();
        Optional<S3Client> client = client();
        if (client.isEmpty() || config.allowedBuckets().stream().allMatch(Set::isEmpty)) {
            return; // no client, or no bucket known: the connection waits for the first call
        }
        try {
            client.get().getObjectTagging(r -> r.bucket(bucket()).key(ABSENT_KEY)
                    .overrideConfiguration(o -> o.apiCallTimeout(CONNECT_LIMIT)));
        } catch (SdkException expected) {
            // S3's "no such key" (or "access denied", or a timeout): the first call has been paid for all the same
        }
        LOG.infof("S3 client connected in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** The function's client, built on first use; empty when it cannot be (no region outside Lambda, say). */
    private Optional<S3Client> client() {
        try {
            return Optional.of(s3.get());
        } catch (RuntimeException e) {
            LOG.infof("S3 client not built during start-up: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** A bucket the function serves, or a placeholder for the offline rehearsal when none is configured. */
    private String bucket() {
        return config.allowedBuckets().flatMap(buckets -> buckets.stream().findFirst()).orElse("rehearsal");
    }
}
