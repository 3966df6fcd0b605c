package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The sample events of {@code events/}, delivered through the real Lambda event path, against a real S3-compatible
 * server; every assertion reads the tags back from S3.
 */
@QuarkusTest
@QuarkusTestResource(S3MockServer.class)
@ExtendWith(EmptyBucket.class)
class S3EventTaggingTest {

    private static final String ROBIN = "imagenet-sample/n01558993_robin.JPEG";
    private static final String ROBIN_KEY = "uploads/robin in the garden été.jpg";
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3MockServer.client();
    }

    @Test
    void directNotificationTagsTheObjectNamedByAnEncodedKey() {
        put(ROBIN_KEY, ROBIN, Map.of());

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].key", equalTo(ROBIN_KEY)).body("results[0].outcome", equalTo("ok"));

        Map<String, String> tags = tags(ROBIN_KEY);
        assertEquals("ok", tags.get("tagger-status"));
        assertEquals("robin", tags.get("tagger-label"));
        assertEquals("bird", tags.get("tagger-category"));
        assertEquals("15", tags.get("tagger-class"));
        assertEquals("mobilenetv2-12-int8", tags.get("tagger-model"));
        assertTrue(Float.parseFloat(tags.get("tagger-score")) > 0.5f, tags.toString());
        assertTrue(tags.get("tagger-top").startsWith("15:robin:"), tags.toString());
    }

    @Test
    void theSameEventDeliveredTwiceWritesOnce() {
        put(ROBIN_KEY, ROBIN, Map.of());
        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok"));
        // Mark our own tags: a second write would replace the mark.
        Map<String, String> marked = tags(ROBIN_KEY);
        marked.put("tagger-score", "marker");
        putTags(ROBIN_KEY, marked);

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("skipped-already-tagged"));

        assertEquals("marker", tags(ROBIN_KEY).get("tagger-score"));
    }

    @Test
    void aBackfillAddsTheCategoryToAnObjectTaggedBeforeCategoriesExisted() {
        Map<String, String> before = new LinkedHashMap<>(Map.of("owner", "alice", "tagger-status", "ok",
                "tagger-label", "tench", "tagger-model", "mobilenetv2-12-int8", "tagger-class", "0"));
        put("backfill/tench.jpg", "imagenet-sample/n01440764_tench.JPEG", before);

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-1.0.json")).then().statusCode(200)
                .body("results[0].resultString", equalTo("ok"));
        Map<String, String> tags = tags("backfill/tench.jpg");
        assertEquals("fish", tags.get("tagger-category"));
        assertEquals("alice", tags.get("owner"));

        // Now complete: the next backfill leaves it alone.
        LambdaInvoker.invoke(SampleEvents.read("batch-operations-1.0.json")).then().statusCode(200)
                .body("results[0].resultString", equalTo("skipped-already-tagged"));
    }

    @Test
    void theUsersTagsAreKeptAndOnlyOursReplaced() {
        put(ROBIN_KEY, ROBIN, Map.of("owner", "alice", "project", "birds 2026", "tagger-label", "stale",
                "tagger-model", "an-older-model", "tagger-status", "ok"));

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok"));

        Map<String, String> tags = tags(ROBIN_KEY);
        assertEquals("alice", tags.get("owner"));
        assertEquals("birds 2026", tags.get("project"));
        assertEquals("robin", tags.get("tagger-label"));
        assertEquals("mobilenetv2-12-int8", tags.get("tagger-model"));
        assertEquals(9, tags.size(), tags.toString());
    }

    @Test
    void nineUserTagsLeaveRoomForTheStatusOnly() {
        Map<String, String> users = userTags(9);
        put(ROBIN_KEY, ROBIN, users);

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok"));

        Map<String, String> tags = tags(ROBIN_KEY);
        assertEquals(10, tags.size(), tags.toString());
        users.forEach((key, value) -> assertEquals(value, tags.get(key)));
        assertEquals("ok", tags.get("tagger-status"));
    }

    @Test
    void tenUserTagsAreLeftAloneAndTheOutcomeRecorded() {
        Map<String, String> users = userTags(10);
        put(ROBIN_KEY, ROBIN, users);

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("no-room")).body("results[0].label", equalTo("robin"));

        assertEquals(users, tags(ROBIN_KEY));
    }

    @Test
    void theVersionTheEventNamesIsTheOneClassifiedAndTagged() {
        String bucket = "image-tagger-versioned";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String robin = s3.putObject(b -> b.bucket(bucket).key("photo.jpg"),
                RequestBody.fromBytes(Shared.image(ROBIN))).versionId();
        String zebra = s3.putObject(b -> b.bucket(bucket).key("photo.jpg"),
                RequestBody.fromBytes(Shared.image("imagenet-sample/n02391049_zebra.JPEG"))).versionId();
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ObjectNode record = (ObjectNode) event.withArray("Records").get(0);
        ((ObjectNode) record.path("s3").path("bucket")).put("name", bucket);
        key(event, "photo.jpg");
        ((ObjectNode) record.path("s3").path("object")).put("versionId", robin);

        LambdaInvoker.invoke(event).then().statusCode(200).body("results[0].outcome", equalTo("ok"))
                .body("results[0].label", equalTo("robin"));

        assertEquals("15", versionTags(bucket, robin).get("tagger-class"));
        assertFalse(versionTags(bucket, zebra).containsKey("tagger-status"), "the newer version is not touched");
    }

    @Test
    void aDeletedObjectIsASkipNotAFailure() {
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        key(event, "uploads/deleted+before+we+got+there.jpg");

        LambdaInvoker.invoke(event).then().statusCode(200).body("results[0].outcome", equalTo("skipped-gone"));
    }

    @Test
    void anObjectOverwrittenSinceTheEventIsNotClassifiedInItsNewForm() {
        put(ROBIN_KEY, "imagenet-sample/n02391049_zebra.JPEG", Map.of());

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("skipped-gone"));

        assertFalse(tags(ROBIN_KEY).containsKey("tagger-status"));
    }

    @Test
    void aNonImageAndACorruptJpegGetAStatusTagAndCountAsHandled() {
        s3.putObject(b -> b.bucket(BUCKET).key("uploads/notes.jpg"), RequestBody.fromString("meeting notes, not a photo"));
        put("uploads/broken.jpg", "bad/headers-only.jpg", Map.of());
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ObjectNode second = event.withArray("Records").get(0).deepCopy();
        event.withArray("Records").add(second);
        key(event, "uploads/notes.jpg");
        ((ObjectNode) second.path("s3").path("object")).put("key", "uploads/broken.jpg").remove("eTag");

        LambdaInvoker.invoke(event).then().statusCode(200)
                .body("results.outcome", contains("unsupported", "corrupt"));

        assertEquals("unsupported", tags("uploads/notes.jpg").get("tagger-status"));
        assertEquals("corrupt", tags("uploads/broken.jpg").get("tagger-status"));
    }

    @Test
    void eventBridgeObjectCreated() {
        put("uploads/zebra.jpg", "imagenet-sample/n02391049_zebra.JPEG", Map.of());

        LambdaInvoker.invoke(SampleEvents.read("eventbridge-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok"));

        assertEquals("340", tags("uploads/zebra.jpg").get("tagger-class"));
    }

    @Test
    void sqsBatchReportsOnlyTheBadMessage() {
        put("uploads/golfcart.jpg", "imagenet-sample/n03445924_golfcart.JPEG", Map.of());
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG", Map.of());

        LambdaInvoker.invoke(SampleEvents.read("sqs-s3-notifications.json")).then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", contains("2e1424d4-f796-459a-8184-9c92662be6da"));

        assertEquals("575", tags("uploads/golfcart.jpg").get("tagger-class"));
        assertEquals("985", tags("uploads/daisy.jpg").get("tagger-class"));
    }

    @Test
    void batchOperations10AnswersATaskResultEach() {
        put("backfill/tench.jpg", "imagenet-sample/n01440764_tench.JPEG", Map.of());
        s3.putObject(b -> b.bucket(BUCKET).key("backfill/notes 2026.txt"), RequestBody.fromString("not an image"));

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-1.0.json")).then().statusCode(200)
                .body("invocationSchemaVersion", equalTo("1.0"))
                .body("invocationId", equalTo("YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"))
                .body("treatMissingKeysAs", equalTo("PermanentFailure"))
                .body("results.taskId", contains("dGFza2lkZ29lc2hlcmUK", "dGFza2lkZ29lc2hlcmUL",
                        "dGFza2lkZ29lc2hlcmUM"))
                .body("results.resultCode", contains("Succeeded", "Succeeded", "Succeeded"))
                .body("results.resultString", contains("ok", "unsupported", "skipped-gone"));

        assertEquals("0", tags("backfill/tench.jpg").get("tagger-class"));
        assertEquals("unsupported", tags("backfill/notes 2026.txt").get("tagger-status"));
    }

    @Test
    void batchOperations20NamesTheBucketByName() {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG", Map.of());
        put("backfill/broken.jpg", "bad/headers-only.jpg", Map.of());

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("invocationSchemaVersion", equalTo("2.0"))
                .body("results.resultCode", contains("Succeeded", "Succeeded"))
                .body("results.resultString", contains("ok", "corrupt"));

        assertEquals("920", tags("backfill/traffic light.jpg").get("tagger-class"));
        assertEquals("corrupt", tags("backfill/broken.jpg").get("tagger-status"));
    }

    @Test
    void snsFanOutOfANotification() {
        put("uploads/passenger car.jpg", "imagenet-sample/n03895866_passenger_car.JPEG", Map.of());

        LambdaInvoker.invoke(SampleEvents.read("sns-s3-notification.json")).then().statusCode(200)
                .body("results[0].key", equalTo("uploads/passenger car.jpg")).body("results[0].outcome", equalTo("ok"));

        assertEquals("705", tags("uploads/passenger car.jpg").get("tagger-class"));
    }

    @Test
    void anUnrecognisedEventIsAFunctionError() {
        ObjectNode event = SampleEvents.read("eventbridge-object-created.json");
        event.put("source", "aws.ec2").remove("detail-type");

        LambdaInvoker.invoke(event).then().statusCode(500)
                .body("errorType", equalTo(UnrecognisedEventException.class.getName()));
    }

    private static void key(ObjectNode notification, String encodedKey) {
        ObjectNode object = (ObjectNode) notification.withArray("Records").get(0).path("s3").path("object");
        object.put("key", encodedKey);
        object.remove("eTag");
    }

    private static Map<String, String> userTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            tags.put("user-" + i, "value " + i);
        }
        return tags;
    }

    /** Uploads a shared image (a path under {@code images/}) as {@code key} with these tags, replacing what was there. */
    static void put(String key, String image, Map<String, String> tags) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(Shared.image(image)));
        if (!tags.isEmpty()) { // a new object has none
            putTags(key, tags);
        }
    }

    static void putTags(String key, Map<String, String> tags) {
        s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    static Map<String, String> versionTags(String bucket, String versionId) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(bucket).key("photo.jpg").versionId(versionId)).tagSet()
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
