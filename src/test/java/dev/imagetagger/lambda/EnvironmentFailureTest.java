package dev.imagetagger.lambda;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.BehindS3FaultProxy;
import dev.imagetagger.fixtures.DemoBucket;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.OversizedPng;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * An Error while an invocation is handled fails that invocation as a function error, through Quarkus' own Lambda poll
 * loop (the loop the native build runs; the mock event server plays the Runtime API), and the loop goes on polling.
 * The Error is real: an {@link OversizedPng}, allowed by this profile's decoding budget, runs the decoder out of heap.
 * {@code ManagedJavaRuntimeIT} does the same under the managed runtime's Runtime Interface Client.
 */
@QuarkusTest
@TestProfile(BehindS3FaultProxy.class)
@ExtendWith(EmptyBucket.class)
class EnvironmentFailureTest {

    /** Far longer than an invocation takes; a loop that died on the Error never answers. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int CUP = 968;

    @AfterEach
    void theLoopStillPolls() {
        Response answer = invoke(SampleEvents.read("apigw-http-classify.json"));
        assertEquals(200, answer.statusCode(), answer.asString());
        JsonPath body = JsonPath.from(answer.jsonPath().getString("body"));
        assertEquals(CUP, body.getInt("predictions[0].index"), answer.asString());
    }

    @Test
    void anErrorWhileTaggingAnUploadFailsTheInvocation() {
        S3MockServer.client().putObject(b -> b.bucket(BUCKET).key("uploads/oversized.png"),
                RequestBody.fromBytes(OversizedPng.bytes()));
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ((ObjectNode) event.at("/Records/0/s3/object")).put("key", "uploads/oversized.png").remove("eTag");

        assertOutOfMemoryFunctionError(invoke(event));
        assertFalse(DemoBucket.tags(S3MockServer.client(), "uploads/oversized.png").containsKey("tagger-status"));
    }

    @Test
    void anErrorInTheRestLayerFailsTheInvocation() {
        ObjectNode event = SampleEvents.read("apigw-http-classify.json");
        event.put("body", Base64.getEncoder().encodeToString(OversizedPng.bytes()));
        ((ObjectNode) event.path("headers")).put("content-type", "image/png").remove("content-length");

        assertOutOfMemoryFunctionError(invoke(event));
    }

    /** A function error (the mock event server answers 500 with it), naming the Error. */
    private static void assertOutOfMemoryFunctionError(Response answer) {
        assertEquals(500, answer.statusCode(), answer.asString());
        assertEquals(EnvironmentFailureException.class.getName(), answer.jsonPath().getString("errorType"),
                answer.asString());
        assertTrue(answer.jsonPath().getString("errorMessage").startsWith(OutOfMemoryError.class.getName()),
                answer.asString());
    }

    private static Response invoke(JsonNode event) {
        return assertTimeoutPreemptively(LIMIT, () -> LambdaInvoker.invoke(event), "no answer: the poll loop died");
    }
}
