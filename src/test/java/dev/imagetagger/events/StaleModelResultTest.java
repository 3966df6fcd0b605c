package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * The result an earlier model left, with 0 to 10 user tags, against the README's rule: a result carrying another
 * model's id is replaced; a result whose model tag was cut for lack of room is this model's only if its label and
 * category are one of this model's classes. Each case is the robin photo with the tags the earlier model wrote (ours
 * cut from the end as the user's tags leave less room), sent as the sample S3 event, twice: the second delivery must
 * find the object done, so no result is classified again on every event.
 */
@QuarkusTest
@QuarkusTestResource(S3MockServer.class)
@ExtendWith(EmptyBucket.class)
class StaleModelResultTest {

    private static final String ROBIN = "imagenet-sample/n01558993_robin.JPEG";
    private static final String KEY = "uploads/robin in the garden été.jpg"; // the sample event's key
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3MockServer.client();
    }

    /** An earlier model of other classes (a fine-tuned X-ray model): its labels are none of this model's. */
    @ParameterizedTest(name = "{0} user tags")
    @ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
    void anotherModelsResultIsReplaced(int userTags) {
        Map<String, String> users = userTags(userTags);
        put(users, earlierResult("pneumonia", "finding", 3));

        String expected = switch (userTags) {
            case 9 -> "skipped-already-tagged"; // a status alone: this model would write the same
            case 10 -> "no-room";
            default -> "ok";
        };
        deliver(expected);

        Map<String, String> tags = tags();
        users.forEach((key, value) -> assertEquals(value, tags.get(key), key));
        if (userTags <= 8) {
            assertEquals("robin", tags.get("tagger-label"), tags.toString());
        }
        if (userTags <= 7) {
            assertEquals("bird", tags.get("tagger-category"), tags.toString());
        }
        if (userTags <= 6) {
            assertEquals("mobilenetv2-12-int8", tags.get("tagger-model"), tags.toString());
        }
        deliver(userTags == 10 ? "no-room" : "skipped-already-tagged");
    }

    /** An earlier model with this model's classes: without its model tag, its result cannot be told from ours. */
    @ParameterizedTest(name = "{0} user tags")
    @ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
    void aResultOfThisModelsClassesIsKeptOnceItsModelTagIsCut(int userTags) {
        Map<String, String> users = userTags(userTags);
        Map<String, String> before = put(users, earlierResult("robin", "bird", 15));

        String expected = userTags <= 6 ? "ok" : userTags <= 9 ? "skipped-already-tagged" : "no-room";
        deliver(expected);

        Map<String, String> tags = tags();
        if (expected.equals("ok")) {
            assertEquals("mobilenetv2-12-int8", tags.get("tagger-model"), tags.toString());
        } else {
            assertEquals(before, tags);
        }
        deliver(userTags == 10 ? "no-room" : "skipped-already-tagged");
    }

    /** A result of this model's label with a category that is not its class's is another model's too. */
    @ParameterizedTest(name = "{0} user tags")
    @ValueSource(ints = { 7, 8 })
    void aLabelOfThisModelWithAnotherCategoryIsReplaced(int userTags) {
        put(userTags(userTags), earlierResult("robin", "animal", 15));

        deliver(userTags == 7 ? "ok" : "skipped-already-tagged"); // eight user tags: only status and label were kept
    }

    /** A backfill replaces another model's result as an upload's event does. */
    @ParameterizedTest(name = "{0} user tags")
    @ValueSource(ints = { 7, 8 })
    void aBatchOperationsTaskReplacesAnotherModelsResult(int userTags) {
        String key = "backfill/robin.jpg";
        put(key, userTags(userTags), earlierResult("pneumonia", "finding", 3));
        ObjectNode event = SampleEvents.read("batch-operations-2.0.json");
        ArrayNode tasks = event.withArray("tasks");
        ObjectNode first = ((ObjectNode) tasks.get(0)).put("s3Key", key);
        tasks.removeAll().add(first);

        LambdaInvoker.invoke(event).then().statusCode(200).body("results[0].resultCode", equalTo("Succeeded"))
                .body("results[0].resultString", equalTo("ok"));
        assertEquals("robin", tags(key).get("tagger-label"));
    }

    private static Map<String, String> earlierResult(String label, String category, int index) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("tagger-status", "ok");
        tags.put("tagger-label", label);
        tags.put("tagger-category", category);
        tags.put("tagger-model", "an-earlier-model");
        tags.put("tagger-score", "0.9000");
        tags.put("tagger-class", Integer.toString(index));
        tags.put("tagger-top", index + ":" + label + ":0.9000");
        return tags;
    }

    private static void deliver(String outcome) {
        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(200)
                .body("results[0].key", equalTo(KEY)).body("results[0].outcome", equalTo(outcome));
    }

    private static Map<String, String> userTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            tags.put("user-" + i, "value " + i);
        }
        return tags;
    }

    /** Uploads the robin with the user's tags and as many of the earlier result's as fit, as a model writes them. */
    private static Map<String, String> put(Map<String, String> users, Map<String, String> earlier) {
        return put(KEY, users, earlier);
    }

    private static Map<String, String> put(String key, Map<String, String> users, Map<String, String> earlier) {
        Map<String, String> tags = new LinkedHashMap<>(users);
        earlier.entrySet().stream().limit(10 - users.size()).forEach(e -> tags.put(e.getKey(), e.getValue()));
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(Shared.image(ROBIN)));
        if (!tags.isEmpty()) {
            s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
        }
        return tags;
    }

    private static Map<String, String> tags() {
        return tags(KEY);
    }

    private static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
