package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LabelledPhoto;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The sample event {@code events/apigw-http-classify.json} (API Gateway HTTP API, payload format 2.0), posted raw to
 * the mock event server as Lambda would deliver it; the answer is an API Gateway v2 response.
 */
@QuarkusTest
class ApiGatewayEventTest {

    private static final Path EVENT = Path.of("events/apigw-http-classify.json");

    // The event's body is this shared photo; labels.csv: n02356798_fox_squirrel.JPEG,n02356798,335,fox squirrel.
    private static final String PHOTO = "n02356798_fox_squirrel.JPEG";
    private static final int FOX_SQUIRREL = 335;
    private static final String FOX_SQUIRREL_WNID = "n02356798";

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port", defaultValue = "8081")
    int eventServerPort;

    @Test
    void theEventCarriesThePhotoItNames() throws IOException {
        LabelledPhoto photo = LabelledPhoto.named(PHOTO);
        assertEquals(FOX_SQUIRREL, photo.classIndex());
        assertEquals(FOX_SQUIRREL_WNID, photo.wnid());

        JsonPath event = JsonPath.from(Files.readString(EVENT));
        assertEquals("2.0", event.getString("version"));
        assertEquals(true, event.getBoolean("isBase64Encoded"));
        assertArrayEquals(photo.bytes(), Base64.getDecoder().decode(event.getString("body")));
    }

    @Test
    void classifiesTheRawEvent() throws IOException {
        String response = given().contentType("application/json").body(Files.readString(EVENT))
                .when().post("http://localhost:" + eventServerPort + "/_lambda_")
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .extract().asString();

        JsonPath lambda = JsonPath.from(response);
        assertThat(header(lambda, "content-type"), startsWith("application/json"));
        String body = lambda.getBoolean("isBase64Encoded")
                ? new String(Base64.getDecoder().decode(lambda.getString("body")), StandardCharsets.UTF_8)
                : lambda.getString("body");
        JsonPath classification = JsonPath.from(body);
        assertThat(classification.getList("predictions"), hasSize(3)); // rawQueryString topK=3
        assertEquals(FOX_SQUIRREL, classification.getInt("predictions[0].index"));
        assertEquals(FOX_SQUIRREL_WNID, classification.getString("predictions[0].wnid"));
        assertEquals("mammal", classification.getString("predictions[0].category"));
        assertEquals("jpeg", classification.getString("image.format"));
    }

    /** A response header by name; API Gateway treats header names case-insensitively. */
    private static String header(JsonPath response, String name) {
        Map<String, String> headers = response.getMap("headers", String.class, String.class);
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " header in " + headers));
    }
}
