package dev.imagetagger;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function end to end with nothing but this repository and Maven Central: the photo is the one embedded in
 * {@code events/apigw-http-classify.json} (ImageNet class 968, cup), so {@link SelfContainedFunctionIT} can run
 * against the native executable where the shared fixtures are not available.
 */
@QuarkusTest
@QuarkusTestResource(S3MockServer.class)
@ExtendWith(EmptyBucket.class)
public class SelfContainedFunctionTest {

    private static final int CUP = 968;

    @Test
    void anApiGatewayRequestIsClassified() {
        String response = LambdaInvoker.invoke(SampleEvents.read("apigw-http-classify.json")).then().statusCode(200)
                .body("statusCode", equalTo(200)).extract().asString();

        assertEquals(CUP, JsonPath.from(JsonPath.from(response).getString("body")).getInt("predictions[0].index"));
    }

    @Test
    void theModelIsDescribed() {
        given().get("/model").then().statusCode(200).body("labelCount", equalTo(1000)).body("sha256", hasLength(64));
    }

    @Test
    void anUploadIsTagged() {
        ObjectNode request = SampleEvents.read("apigw-http-classify.json");
        byte[] photo = Base64.getMimeDecoder().decode(request.path("body").asText());
        S3Client s3 = S3MockServer.client();
        s3.putObject(b -> b.bucket(BUCKET).key("uploads/red cup.jpg"), RequestBody.fromBytes(photo));
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ObjectNode object = (ObjectNode) event.withArray("Records").get(0).path("s3").path("object");
        object.put("key", "uploads/red+cup.jpg").remove("eTag");

        LambdaInvoker.invoke(event).then().statusCode(200).body("results[0].outcome", equalTo("ok"));

        String tagged = s3.getObjectTagging(b -> b.bucket(BUCKET).key("uploads/red cup.jpg")).tagSet().stream()
                .filter(t -> t.key().equals("tagger-class")).findFirst().orElseThrow().value();
        assertEquals(Integer.toString(CUP), tagged);
    }
}
