package dev.imagetagger.api;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.imagetagger.fixtures.DemoBucket;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code POST /classify} with a JSON body naming an S3 object, through the Lambda HTTP path, against S3Mock. */
@QuarkusTest
@QuarkusTestResource(S3MockServer.class)
@ExtendWith(EmptyBucket.class)
class ClassifyByReferenceTest {

    private static S3Client s3;

    @BeforeAll
    static void objects() {
        s3 = S3MockServer.client();
        s3.putObject(b -> b.bucket(BUCKET).key("api/zebra one.jpg"),
                RequestBody.fromBytes(Shared.image("imagenet-sample/n02391049_zebra.JPEG")));
        s3.putObject(b -> b.bucket(BUCKET).key("api/daisy.jpg"),
                RequestBody.fromBytes(Shared.image("imagenet-sample/n11939491_daisy.JPEG")));
        s3.putObject(b -> b.bucket(BUCKET).key("api/readme.txt"), RequestBody.fromString("plain text"));
    }

    @Test
    void classifiesAnAllowedObjectWithoutTaggingIt() {
        given().contentType("application/json").body(Map.of("bucket", BUCKET, "key", "api/zebra one.jpg"))
                .post("/classify?topK=2").then().statusCode(200)
                .body("predictions[0].index", equalTo(340)).body("predictions.size()", equalTo(2))
                .body("tagged", equalTo(false)).body("image.format", equalTo("jpeg"));

        assertTrue(tags("api/zebra one.jpg").isEmpty());
    }

    @Test
    void tagsOnRequest() {
        Response answer = given().contentType("application/json")
                .body(Map.of("bucket", BUCKET, "key", "api/daisy.jpg", "tag", true)).post("/classify");
        answer.then().statusCode(200)
                .body("predictions[0].index", equalTo(985)).body("tagged", equalTo(true))
                .body("predictions[0].category", equalTo("plant"));
        OpenApiContract.served().assertAllows("post", "/classify", answer);

        assertEquals("985", tags("api/daisy.jpg").get("tagger-class"));
    }

    @Test
    void aNonImageIsRefusedAndTaggedWithItsStatus() {
        given().contentType("application/json").body(Map.of("bucket", BUCKET, "key", "api/readme.txt", "tag", true))
                .post("/classify").then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("tagged with status unsupported"));

        assertEquals("unsupported", tags("api/readme.txt").get("tagger-status"));
    }

    @Test
    void aBucketOutsideTheAllowListIsForbidden() {
        given().contentType("application/json").body(Map.of("bucket", "someone-elses-bucket", "key", "secret.jpg"))
                .post("/classify").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:image-tagger:problem:bucket-not-allowed"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aMissingObjectIsNotFound() {
        Response answer = given().contentType("application/json")
                .body(Map.of("bucket", BUCKET, "key", "api/nothing-here.jpg")).post("/classify");
        answer.then().statusCode(404).contentType("application/problem+json");
        OpenApiContract.served().assertAllows("post", "/classify", answer);
    }

    @Test
    void aBodyWithoutKeyIsABadRequest() {
        given().contentType("application/json").body(Map.of("bucket", BUCKET)).post("/classify").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private static Map<String, String> tags(String key) {
        return DemoBucket.tags(s3, key);
    }
}
