package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.events.Answer.BatchResults.Code;
import dev.imagetagger.events.Answer.BatchResults.TaskResult;
import dev.imagetagger.fixtures.DemoBucket;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageLimits;
import dev.imagetagger.model.ModelSession;
import dev.imagetagger.model.Sessions;
import dev.imagetagger.storage.ObjectStore;
import dev.imagetagger.tagging.MetricsConfig;
import dev.imagetagger.tagging.ObjectTagger;
import dev.imagetagger.tagging.TagConfig;
import dev.imagetagger.tagging.TaggingLog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One object's unexpected failure never fails or re-runs the others, while an environment failure (an Error, such as
 * AWT's native library missing from the native image) fails the invocation and is never written as a verdict on the
 * image. The dispatcher is built as the application builds it, against a real S3Mock, the real model and the sample
 * events; the fault is injected into the classifier for one image's bytes, as the fault proxy injects S3's.
 */
@ExtendWith(EmptyBucket.class)
class PerObjectIsolationTest {

    private static final String GOLFCART = "imagenet-sample/n03445924_golfcart.JPEG";
    private static final String TRAFFIC_LIGHT = "imagenet-sample/n06874185_traffic_light.JPEG";
    private static final String ROBIN = "imagenet-sample/n01558993_robin.JPEG";
    private static final String ROBIN_KEY = "uploads/robin in the garden été.jpg";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Client s3;
    private static ModelSession model;

    @BeforeAll
    static void start() {
        s3 = S3MockServer.client();
        model = Sessions.open(Map.of());
    }

    @AfterAll
    static void stop() {
        Sessions.close(model);
    }

    @Test
    void anUnexpectedFailureOfOneSqsMessageReportsThatMessageOnly() {
        put("uploads/golfcart.jpg", GOLFCART);
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG");
        EventDispatcher dispatcher = dispatcher(GOLFCART, new IllegalStateException("injected bug"));

        Answer answer = dispatcher.handle(SampleEvents.read("sqs-s3-notifications.json"), "request-1");

        assertEquals(new Answer.QueueFailures(List.of("059f36b4-87a3-44ab-83d2-661975830a7d",
                "2e1424d4-f796-459a-8184-9c92662be6da")), answer);
        assertEquals("985", tags("uploads/daisy.jpg").get("tagger-class"));
        assertFalse(tags("uploads/golfcart.jpg").containsKey("tagger-status"));
    }

    @Test
    void anUnexpectedFailureOfOneBatchTaskIsATemporaryFailureOfThatTaskOnly() {
        put("backfill/traffic light.jpg", TRAFFIC_LIGHT);
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        EventDispatcher dispatcher = dispatcher(TRAFFIC_LIGHT, new IllegalStateException("injected bug"));

        Answer answer = dispatcher.handle(SampleEvents.read("batch-operations-2.0.json"), "request-2");

        assertEquals(List.of(Code.TEMPORARY_FAILURE, Code.SUCCEEDED),
                ((Answer.BatchResults) answer).results().stream().map(TaskResult::code).toList());
        assertEquals("corrupt", tags("backfill/broken.jpg").get("tagger-status"));
    }

    @Test
    void anUnexpectedFailureOfOneRecordFailsTheInvocationAfterTheOthersAreTagged() {
        put(ROBIN_KEY, ROBIN);
        put("uploads/golfcart.jpg", GOLFCART);
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ObjectNode second = event.withArray("Records").get(0).deepCopy();
        ((ObjectNode) second.path("s3").path("object")).put("key", "uploads/golfcart.jpg").remove("eTag");
        event.withArray("Records").insert(0, second);
        EventDispatcher dispatcher = dispatcher(GOLFCART, new IllegalStateException("injected bug"));

        assertThrows(ObjectsNotTaggedException.class, () -> dispatcher.handle(event, "request-3"));

        assertEquals("robin", tags(ROBIN_KEY).get("tagger-label"));
    }

    @Test
    void anEnvironmentFailureFailsTheInvocationAndIsNeverTaggedCorrupt() {
        put(ROBIN_KEY, ROBIN);
        put("uploads/golfcart.jpg", GOLFCART);
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG");
        UnsatisfiedLinkError missingAwt = new UnsatisfiedLinkError("no awt in java.library.path");

        assertThrows(UnsatisfiedLinkError.class, () -> dispatcher(ROBIN, missingAwt)
                .handle(SampleEvents.read("s3-object-created.json"), "request-4"));
        assertThrows(UnsatisfiedLinkError.class, () -> dispatcher(GOLFCART, missingAwt)
                .handle(SampleEvents.read("sqs-s3-notifications.json"), "request-5"));

        assertFalse(tags(ROBIN_KEY).containsKey("tagger-status"), tags(ROBIN_KEY).toString());
        assertFalse(tags("uploads/golfcart.jpg").containsKey("tagger-status"));
        assertTrue(tags("uploads/daisy.jpg").isEmpty() || "985".equals(tags("uploads/daisy.jpg").get("tagger-class")));
    }

    /** The application's dispatcher, whose classifier fails with {@code failure} on the bytes of {@code image}. */
    private static EventDispatcher dispatcher(String image, Throwable failure) {
        ImageDecoder decoder = new ImageDecoder(Configs.defaults(ImageLimits.class));
        byte[] poisoned = Shared.image(image);
        Classifier classifier = new Classifier(decoder, model) {
            @Override
            public Classification classify(byte[] bytes, int topK, float minScore) {
                if (Arrays.equals(bytes, poisoned)) {
                    throw sneaky(failure);
                }
                return super.classify(bytes, topK, minScore);
            }
        };
        ObjectTagger tagger = new ObjectTagger(new ObjectStore(S3MockServer.client()), classifier,
                Configs.defaults(TagConfig.class));
        return new EventDispatcher(tagger, new TaggingLog(JSON, Configs.defaults(MetricsConfig.class)));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable failure) throws T {
        throw (T) failure;
    }

    private static void put(String key, String image) {
        DemoBucket.put(s3, key, image);
    }

    private static Map<String, String> tags(String key) {
        return DemoBucket.tags(s3, key);
    }
}
