package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3FaultProxy.Request.getObject;
import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.BehindS3FaultProxy;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3FaultProxy;
import dev.imagetagger.fixtures.S3FaultProxy.Fault;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Faults injected between the function and a real S3-compatible server, for every trigger: whatever S3 does,
 * every object ends correctly tagged or is handed back to its trigger's retry path, and no one else's tag is lost.
 */
@QuarkusTest
@TestProfile(BehindS3FaultProxy.class)
@ExtendWith(EmptyBucket.class)
class S3FaultsTest {

    private static final String ROBIN = "imagenet-sample/n01558993_robin.JPEG";
    private static final String ROBIN_KEY = "uploads/robin in the garden été.jpg";
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3MockServer.client();
    }

    @AfterEach
    void passThroughAgain() {
        S3FaultProxy.proxy().clear();
    }

    /** The robin was uploaded with a checksum, which S3 keeps and the function asks S3 to check. */
    @Test
    void aBodyCutShortIsRetriedAndNeverTaggedOk() {
        put(ROBIN_KEY, ROBIN);
        S3FaultProxy.proxy().always(getObject(ROBIN_KEY), Fault.closeMidBody());

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(500)
                .body("errorType", equalTo(ObjectsNotTaggedException.class.getName()))
                .body("errorMessage", containsString("different checksum"));
        assertFalse(tags(ROBIN_KEY).containsKey("tagger-status"), tags(ROBIN_KEY).toString());

        S3FaultProxy.proxy().clear(); // Lambda's retry
        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok")).body("results[0].index", equalTo(15));
        assertEquals("robin", tags(ROBIN_KEY).get("tagger-label"));
    }

    @Test
    void aBodyCutShortComesBackThroughEachTriggersRetryPath() {
        put("uploads/golfcart.jpg", "imagenet-sample/n03445924_golfcart.JPEG");
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG");
        // Uploaded without a checksum, so only the length tells a cut body from a whole one.
        S3MockServer.clientWithoutChecksums().putObject(b -> b.bucket(BUCKET).key("backfill/traffic light.jpg"),
                RequestBody.fromBytes(Shared.image("imagenet-sample/n06874185_traffic_light.JPEG")));
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        S3FaultProxy.proxy().always(getObject("uploads/golfcart.jpg"), Fault.resetMidBody());
        S3FaultProxy.proxy().always(getObject("backfill/traffic light.jpg"), Fault.closeMidBody());

        LambdaInvoker.invoke(SampleEvents.read("sqs-s3-notifications.json")).then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", containsInAnyOrder("059f36b4-87a3-44ab-83d2-661975830a7d",
                        "2e1424d4-f796-459a-8184-9c92662be6da"));
        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", contains("TemporaryFailure", "Succeeded"))
                .body("results.resultString", contains(containsString("body ended after"), equalTo("corrupt")));

        assertFalse(tags("uploads/golfcart.jpg").containsKey("tagger-status"));
        assertEquals("985", tags("uploads/daisy.jpg").get("tagger-class"));
        assertFalse(tags("backfill/traffic light.jpg").containsKey("tagger-status"));
    }

    /** S3's answers as S3 writes them, and what each must become: a retry, or a permanent failure with its reason. */
    @ParameterizedTest
    @CsvSource({
        "503, SlowDown, TemporaryFailure, SlowDown",
        "500, InternalError, TemporaryFailure, InternalError",
        "403, InvalidObjectState, PermanentFailure, archived",
        "403, AccessDenied, PermanentFailure, access-denied",
        "405, MethodNotAllowed, PermanentFailure, delete-marker",
        "400, InvalidRequest, PermanentFailure, invalid-request",
        "400, InvalidArgument, PermanentFailure, invalid-request" })
    void batchOperationsTellRetryableFromPermanentByS3ErrorCode(int status, String code, String resultCode,
            String result) {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG");
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        S3FaultProxy.proxy().always(getObject("backfill/traffic light.jpg"), Fault.error(status, code, "Injected."));

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", contains(resultCode, "Succeeded"))
                .body("results.resultString", contains(containsString(result), equalTo("corrupt")));

        assertFalse(tags("backfill/traffic light.jpg").containsKey("tagger-status"));
    }

    @Test
    void aPermanentFailureIsNotRetriedByLambdaNorBySqs() {
        put(ROBIN_KEY, ROBIN);
        put("uploads/golfcart.jpg", "imagenet-sample/n03445924_golfcart.JPEG");
        put("uploads/daisy.jpg", "imagenet-sample/n11939491_daisy.JPEG");
        S3FaultProxy.proxy().always(getObject(ROBIN_KEY), Fault.error(400, "InvalidRequest",
                "The object was stored using a form of Server Side Encryption."));
        S3FaultProxy.proxy().always(getObject("uploads/golfcart.jpg"), Fault.error(403, "InvalidObjectState",
                "The operation is not valid for the object's storage class"));

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("invalid-request"));
        LambdaInvoker.invoke(SampleEvents.read("sqs-s3-notifications.json")).then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", contains("2e1424d4-f796-459a-8184-9c92662be6da"));

        assertFalse(tags(ROBIN_KEY).containsKey("tagger-status"));
        assertFalse(tags("uploads/golfcart.jpg").containsKey("tagger-status"));
        assertEquals("985", tags("uploads/daisy.jpg").get("tagger-class"));
    }

    @Test
    void aResponseSlowerThanTheCallTimeoutIsRetriedLater() {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG");
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        S3FaultProxy.proxy().always(getObject("backfill/traffic light.jpg"), Fault.delay(Duration.ofSeconds(8)));

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", contains("TemporaryFailure", "Succeeded"));
    }

    @Test
    void aMultiRecordNotificationFailsForTheRetryableRecordAndTheRetrySkipsTheTaggedOnes() {
        put(ROBIN_KEY, ROBIN);
        put("uploads/zebra.jpg", "imagenet-sample/n02391049_zebra.JPEG");
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ObjectNode second = event.withArray("Records").get(0).deepCopy();
        ((ObjectNode) second.path("s3").path("object")).put("key", "uploads/zebra.jpg").remove("eTag");
        event.withArray("Records").add(second);
        S3FaultProxy.proxy().always(getObject("uploads/zebra.jpg"), Fault.error(503, "SlowDown", "Reduce your rate."));

        LambdaInvoker.invoke(event).then().statusCode(500)
                .body("errorType", equalTo(ObjectsNotTaggedException.class.getName()));
        assertEquals("robin", tags(ROBIN_KEY).get("tagger-label"));
        assertFalse(tags("uploads/zebra.jpg").containsKey("tagger-status"));

        S3FaultProxy.proxy().clear(); // Lambda's retry of the same event
        LambdaInvoker.invoke(event).then().statusCode(200)
                .body("results.outcome", contains("skipped-already-tagged", "ok"));
        assertEquals("340", tags("uploads/zebra.jpg").get("tagger-class"));
    }

    @Test
    void aTagWrittenByAnotherClientWhileWeClassifyIsKept() {
        put(ROBIN_KEY, ROBIN);
        putTags(ROBIN_KEY, Map.of("owner", "alice"));
        // A malware scanner tags the object while the function is classifying it.
        S3FaultProxy.proxy().once(getObject(ROBIN_KEY),
                Fault.before(() -> putTags(ROBIN_KEY, Map.of("owner", "alice", "scan", "clean"))));

        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].outcome", equalTo("ok"));

        Map<String, String> tags = tags(ROBIN_KEY);
        assertEquals("clean", tags.get("scan"), tags.toString());
        assertEquals("alice", tags.get("owner"), tags.toString());
        assertEquals("robin", tags.get("tagger-label"), tags.toString());
    }

    @Test
    void anObjectOverwrittenWhileWeClassifyItNeverKeepsTheOldImagesLabels() {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG");
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        // Someone uploads a zebra under the same key (unversioned bucket) right after the function read the bytes.
        S3FaultProxy.proxy().once(getObject("backfill/traffic light.jpg"),
                Fault.before(() -> put("backfill/traffic light.jpg", "imagenet-sample/n02391049_zebra.JPEG")));

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", contains("Succeeded", "Succeeded"));

        // Whatever the function answered, the zebra's own event (which may come later) must find the zebra's labels.
        assertEquals("340", tags("backfill/traffic light.jpg").get("tagger-class"),
                tags("backfill/traffic light.jpg").toString());
    }

    @Test
    void aKeyOverwrittenAgainAndAgainWhileWeClassifyItEndsWithoutOurTagsAndIsRetried() {
        put("backfill/traffic light.jpg", "imagenet-sample/n06874185_traffic_light.JPEG");
        put("backfill/broken.jpg", "bad/headers-only.jpg");
        String[] images = { "imagenet-sample/n02391049_zebra.JPEG", "imagenet-sample/n01558993_robin.JPEG" };
        AtomicInteger uploads = new AtomicInteger();
        // Each upload carries its uploader's tag. (With none, our tags come off by writing an empty tag set, which
        // S3 accepts and S3Mock 4.7.0 answers with a 500.)
        S3FaultProxy.proxy().always(getObject("backfill/traffic light.jpg"), Fault.before(() -> s3.putObject(
                b -> b.bucket(BUCKET).key("backfill/traffic light.jpg").tagging("uploader=bob"),
                RequestBody.fromBytes(Shared.image(images[uploads.getAndIncrement() % 2])))));

        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", contains("TemporaryFailure", "Succeeded"))
                .body("results[0].resultString", containsString("overwritten 3 times"));

        assertEquals(3, uploads.get());
        assertEquals(Map.of("uploader", "bob"), tags("backfill/traffic light.jpg"));
    }

    @Test
    void byReferenceACutBodyIsA503AndEachPermanentRefusalItsOwnProblem() {
        S3MockServer.clientWithoutChecksums().putObject(b -> b.bucket(BUCKET).key("api/zebra.jpg"),
                RequestBody.fromBytes(Shared.image("imagenet-sample/n02391049_zebra.JPEG")));
        Map<String, Object> request = Map.of("bucket", BUCKET, "key", "api/zebra.jpg", "tag", true);
        S3FaultProxy.proxy().always(getObject("api/zebra.jpg"), Fault.closeMidBody());

        given().contentType("application/json").body(request).post("/classify").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:image-tagger:problem:s3-unavailable"));
        assertFalse(tags("api/zebra.jpg").containsKey("tagger-status"));

        S3FaultProxy.proxy().clear();
        S3FaultProxy.proxy().always(getObject("api/zebra.jpg"), Fault.error(403, "InvalidObjectState", "Archived."));
        given().contentType("application/json").body(request).post("/classify").then().statusCode(409)
                .body("type", equalTo("urn:image-tagger:problem:s3-object-archived"));

        S3FaultProxy.proxy().clear();
        S3FaultProxy.proxy().always(getObject("api/zebra.jpg"), Fault.error(400, "InvalidArgument", "Invalid version id specified"));
        given().contentType("application/json").body(request).post("/classify").then().statusCode(400)
                .body("type", equalTo("urn:image-tagger:problem:s3-invalid-request"))
                .body("detail", containsString("Invalid version id specified"));

        S3FaultProxy.proxy().clear();
        S3FaultProxy.proxy().always(getObject("api/zebra.jpg"), Fault.error(405, "MethodNotAllowed", "Delete marker."));
        given().contentType("application/json").body(request).post("/classify").then().statusCode(404)
                .body("type", equalTo("urn:image-tagger:problem:s3-delete-marker"));
        assertFalse(tags("api/zebra.jpg").containsKey("tagger-status"));

        S3FaultProxy.proxy().clear();
        given().contentType("application/json").body(request).post("/classify").then().statusCode(200)
                .body("predictions[0].index", equalTo(340)).body("tagged", equalTo(true));
    }

    static void put(String key, String image) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(Shared.image(image)));
    }

    static void putTags(String key, Map<String, String> tags) {
        s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
