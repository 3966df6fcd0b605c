package dev.imagetagger.events;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With S3 unreachable, no work is lost: every trigger reports the failure so that it is retried. */
@QuarkusTest
@TestProfile(S3UnavailableTest.UnreachableS3.class)
class S3UnavailableTest {

    public static class UnreachableS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tagger.s3.endpoint", "http://127.0.0.1:" + closedPort(), "tagger.s3.path-style", "true",
                    "tagger.s3.region", "us-east-1", "tagger.s3.api-call-timeout", "10s",
                    "tagger.s3.allowed-buckets", "image-tagger-demo");
        }

        /** No S3Mock configuration: the endpoint above is the only one. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void aDirectNotificationFailsTheInvocationSoLambdaRetriesIt() {
        LambdaInvoker.invoke(SampleEvents.read("s3-object-created.json")).then().statusCode(500)
                .body("errorType", equalTo(ObjectsNotTaggedException.class.getName()));
    }

    @Test
    void everySqsMessageIsReportedForRedelivery() {
        LambdaInvoker.invoke(SampleEvents.read("sqs-s3-notifications.json")).then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", containsInAnyOrder("059f36b4-87a3-44ab-83d2-661975830a7d",
                        "2e1424d4-f796-459a-8184-9c92662be6da", "c80e8021-a70a-42c7-a470-796e1186f753"));
    }

    @Test
    void batchOperationsTasksFailTemporarily() {
        LambdaInvoker.invoke(SampleEvents.read("batch-operations-2.0.json")).then().statusCode(200)
                .body("results.resultCode", everyItem(equalTo("TemporaryFailure")));
    }

    @Test
    void anHttpCallByReferenceAnswers503() {
        given().contentType("application/json").body(Map.of("bucket", "image-tagger-demo", "key", "a.jpg"))
                .post("/classify").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("try again"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again when the test runs: connections are refused
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
