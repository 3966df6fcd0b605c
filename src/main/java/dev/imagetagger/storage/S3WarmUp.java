package dev.imagetagger.storage;

import java.time.Duration;
import java.util.Optional;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Moves the S3 client's first-use costs out of the first invocation into start-up (Lambda's Init phase): building
 * the client, loading and compiling the SDK's request path ({@link S3Rehearsal}, unless the managed runtime's handler
 * has already run it), and opening the connection to S3. Without this, the first S3-triggered invocation of a cold
 * function took about 600 ms longer than the next ones.
 * <p>
 * The connection is opened by one real call against a bucket the function serves (one of
 * {@code tagger.s3.allowed-buckets}, which the SAM template sets to the tagged bucket): a read of the tags of an
 * object that does not exist, whose error answer is ignored. On an on-demand cold start this runs on a thread of its
 * own, beside the loading and warm-up of the model on the main thread, and Init ends once both are done.
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

    /** Runs the SDK's request path once, offline, unless it has run. */
    void rehearse() {
        LOG.infof("S3 request path %s", S3Rehearsal.run());
    }

    /** Opens the function's client's connection with one read whose answer is ignored. */
    void connect() {
        long started = System.nanoTime();
        Optional<S3Client> client = client();
        Optional<String> bucket = config.allowedBuckets().flatMap(buckets -> buckets.stream().findFirst());
        if (client.isEmpty() || bucket.isEmpty()) {
            return; // no client, or no bucket known: the connection waits for the first call
        }
        try {
            client.get().getObjectTagging(r -> r.bucket(bucket.get()).key(ABSENT_KEY)
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
}
