package dev.imagetagger.events;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.BehindS3FaultProxy;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3FaultProxy;
import dev.imagetagger.fixtures.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With S3 unreachable (every connection refused), no work is lost: every trigger reports the failure so that it is
 * retried. The fault proxy's application, with the proxy no longer listening.
 */
@QuarkusTest
@TestProfile(BehindS3FaultProxy.class)
class S3UnavailableTest {

    @BeforeAll
    static void s3BecomesUnreachable() {
        S3FaultProxy.proxy().refuseConnections();
    }

    @AfterAll
    static void s3IsBack() {
        S3FaultProxy.proxy().acceptConnections();
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
}
