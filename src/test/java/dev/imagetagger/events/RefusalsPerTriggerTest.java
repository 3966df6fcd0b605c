package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3FaultProxy.Request.getObject;
import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.BehindS3FaultProxy;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3FaultProxy;
import dev.imagetagger.fixtures.S3FaultProxy.Fault;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.fixtures.StdoutCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Every way an object is refused, through every trigger, each built from its sample event of {@code events/}: the
 * object ends with its status tag or deliberately without one, the trigger gets the answer that stops (or, for S3's
 * permanent refusals, reports) it, and the outcome is counted in the metrics line. Nothing here is retried.
 */
@QuarkusTest
@TestProfile(BehindS3FaultProxy.class) // for S3's refusals; shares its application with S3FaultsTest
@ExtendWith(EmptyBucket.class)
class RefusalsPerTriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Client s3;

    /** One way to be refused: how the object is arranged, and what every trigger must make of it. */
    enum Refusal {
        /** One byte over the default 25 MiB: refused from its Content-Length, never downloaded. */
        TOO_MANY_BYTES("too-large", true, 413, "too-large"),
        /** A JPEG header announcing 65000 x 65000 pixels. */
        TOO_MANY_PIXELS("too-large", true, 413, "too-large"),
        UNSUPPORTED("unsupported", true, 415, "unsupported"),
        CORRUPT("corrupt", true, 422, "corrupt"),
        /** What the S3 console's "Create folder" makes. */
        FOLDER_MARKER("skipped-folder", false, 415, "unsupported"),
        GONE("skipped-gone", false, 404, "object-not-found"),
        /** Ten tags of the user's own. */
        NO_ROOM("no-room", false, 200, null),
        /** A key outside the profile's key prefixes; never read. */
        FILTERED("skipped-filtered", false, 0, null),
        ARCHIVED("archived", false, 409, "s3-object-archived"),
        ACCESS_DENIED("access-denied", false, 403, "s3-access-denied");

        final String outcome;
        final boolean statusTag;
        final int httpStatus;
        final String problem;

        Refusal(String outcome, boolean statusTag, int httpStatus, String problem) {
            this.outcome = outcome;
            this.statusTag = statusTag;
            this.httpStatus = httpStatus;
            this.problem = problem;
        }

        /** S3 refuses it for good: Batch Operations is told so, since no retry helps. */
        boolean permanentFailure() {
            return this == ARCHIVED || this == ACCESS_DENIED;
        }

        String key(Trigger trigger) {
            String folder = this == FILTERED ? "elsewhere/" : "refusals/";
            return folder + trigger.name().toLowerCase() + "/" + name().toLowerCase()
                    + (this == FOLDER_MARKER ? "/" : ".jpg");
        }

        void arrange(String key) {
            switch (this) {
                case TOO_MANY_BYTES -> {
                    byte[] bytes = Arrays.copyOf(Shared.image("imagenet-sample/n01558993_robin.JPEG"),
                            25 * 1024 * 1024 + 1);
                    put(key, bytes);
                }
                case TOO_MANY_PIXELS -> put(key, Shared.image("bad/jpeg-sof-65000x65000.jpg"));
                case UNSUPPORTED -> put(key, "meeting notes, not a photo".getBytes());
                case CORRUPT -> put(key, Shared.image("bad/headers-only.jpg"));
                case FOLDER_MARKER -> put(key, new byte[0]);
                case GONE -> {
                }
                case FILTERED -> put(key, Shared.image("imagenet-sample/n01558993_robin.JPEG"));
                case NO_ROOM -> {
                    put(key, Shared.image("imagenet-sample/n01558993_robin.JPEG"));
                    putTags(key, userTags());
                }
                case ARCHIVED -> {
                    put(key, Shared.image("imagenet-sample/n01558993_robin.JPEG"));
                    S3FaultProxy.proxy().always(getObject(key), Fault.error(403, "InvalidObjectState",
                            "The operation is not valid for the object's storage class"));
                }
                case ACCESS_DENIED -> {
                    put(key, Shared.image("imagenet-sample/n01558993_robin.JPEG"));
                    S3FaultProxy.proxy().always(getObject(key), Fault.error(403, "AccessDenied", "Access Denied"));
                }
            }
        }
    }

    /** Each trigger: the sample event rewritten to name one key, and what a handled object answers. */
    enum Trigger {
        S3, SNS, SQS, EVENTBRIDGE, BATCH_OPERATIONS_1_0, BATCH_OPERATIONS_2_0, HTTP_BY_REFERENCE;

        ValidatableResponse send(String key) {
            return switch (this) {
                case S3 -> LambdaInvoker.invoke(notification(SampleEvents.read("s3-object-created.json"), key))
                        .then().statusCode(200);
                case SNS -> {
                    ObjectNode event = SampleEvents.read("sns-s3-notification.json");
                    ObjectNode sns = (ObjectNode) event.path("Records").path(0).path("Sns");
                    sns.put("Message", notification(parse(sns.path("Message").asText()), key).toString());
                    yield LambdaInvoker.invoke(event).then().statusCode(200);
                }
                case SQS -> {
                    ObjectNode event = SampleEvents.read("sqs-s3-notifications.json");
                    ArrayNode records = event.withArray("Records");
                    ObjectNode first = (ObjectNode) records.get(0);
                    first.put("body", notification(parse(first.path("body").asText()), key).toString());
                    records.removeAll().add(first);
                    yield LambdaInvoker.invoke(event).then().statusCode(200);
                }
                case EVENTBRIDGE -> {
                    ObjectNode event = SampleEvents.read("eventbridge-object-created.json");
                    ((ObjectNode) event.path("detail").path("object")).put("key", key).remove("etag");
                    yield LambdaInvoker.invoke(event).then().statusCode(200);
                }
                case BATCH_OPERATIONS_1_0, BATCH_OPERATIONS_2_0 -> {
                    ObjectNode event = SampleEvents.read(this == BATCH_OPERATIONS_1_0 ? "batch-operations-1.0.json"
                            : "batch-operations-2.0.json");
                    ArrayNode tasks = event.withArray("tasks");
                    ObjectNode first = ((ObjectNode) tasks.get(0)).put("s3Key", key);
                    tasks.removeAll().add(first);
                    yield LambdaInvoker.invoke(event).then().statusCode(200);
                }
                case HTTP_BY_REFERENCE -> given().contentType("application/json")
                        .body(Map.of("bucket", BUCKET, "key", key, "tag", true)).post("/classify").then();
            };
        }

        void assertAnswer(ValidatableResponse answer, Refusal refusal) {
            switch (this) {
                case S3, SNS, EVENTBRIDGE -> answer.body("results[0].outcome", equalTo(refusal.outcome));
                case SQS -> answer.body("batchItemFailures", empty());
                case BATCH_OPERATIONS_1_0, BATCH_OPERATIONS_2_0 -> answer
                        .body("results[0].resultCode", equalTo(refusal.permanentFailure() ? "PermanentFailure"
                                : "Succeeded"))
                        .body("results[0].resultString", refusal.permanentFailure()
                                ? startsWith(refusal.outcome + ": ") : equalTo(refusal.outcome));
                case HTTP_BY_REFERENCE -> {
                    answer.statusCode(refusal.httpStatus);
                    if (refusal.problem == null) {
                        answer.body("outcome", equalTo(refusal.outcome));
                    } else {
                        answer.contentType("application/problem+json")
                                .body("type", equalTo("urn:image-tagger:problem:" + refusal.problem));
                    }
                }
            }
        }
    }

    /** But the key filters, which apply to events only: a request by reference names its object on purpose. */
    static Stream<Arguments> everyRefusalThroughEveryTrigger() {
        return Arrays.stream(Trigger.values())
                .flatMap(trigger -> Arrays.stream(Refusal.values())
                        .filter(refusal -> !(trigger == Trigger.HTTP_BY_REFERENCE && refusal == Refusal.FILTERED))
                        .map(refusal -> Arguments.of(trigger, refusal)));
    }

    @BeforeAll
    static void client() {
        s3 = S3MockServer.client();
    }

    @AfterEach
    void passThroughAgain() {
        S3FaultProxy.proxy().clear();
    }

    @ParameterizedTest(name = "{1} through {0}")
    @MethodSource("everyRefusalThroughEveryTrigger")
    void endsWithItsOutcomeAndIsCounted(Trigger trigger, Refusal refusal) {
        String key = refusal.key(trigger);
        refusal.arrange(key);

        try (StdoutCapture stdout = new StdoutCapture()) {
            trigger.assertAnswer(trigger.send(key), refusal);

            List<JsonNode> lines = stdout.metricLines().stream().filter(line -> line.path("key").asText().equals(key))
                    .toList();
            assertEquals(1, lines.size(), "one metrics line for the object: " + lines);
            assertEquals(refusal.outcome, lines.get(0).path("Outcome").asText(), lines.get(0).toString());
            assertEquals("Outcome", lines.get(0).at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText());
        }

        if (refusal == Refusal.GONE) {
            return;
        }
        Map<String, String> tags = tags(key);
        if (refusal.statusTag) {
            assertEquals(refusal.outcome, tags.get("tagger-status"), tags.toString());
            assertEquals("mobilenetv2-12-int8", tags.get("tagger-model"), tags.toString());
        } else if (refusal == Refusal.NO_ROOM) {
            assertEquals(userTags(), tags);
        } else {
            assertFalse(tags.containsKey("tagger-status"), tags.toString());
        }
    }

    /** The S3 notification with its first record naming {@code key} (plain characters: nothing to URL-encode). */
    private static ObjectNode notification(JsonNode notification, String key) {
        ObjectNode object = (ObjectNode) notification.path("Records").path(0).path("s3").path("object");
        object.put("key", key).remove("eTag");
        return (ObjectNode) notification;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> userTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            tags.put("user-" + i, "value " + i);
        }
        return tags;
    }

    private static void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static void putTags(String key, Map<String, String> tags) {
        s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    private static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
