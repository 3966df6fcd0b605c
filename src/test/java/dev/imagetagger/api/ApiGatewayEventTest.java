package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The sample events {@code events/apigw-http-classify.json} (API Gateway HTTP API, payload format 2.0) and
 * {@code events/apigw-rest-classify.json} (REST API, payload format 1.0), posted raw to the mock event server as Lambda
 * would deliver them; each is answered in its own payload format's response shape.
 */
@QuarkusTest
class ApiGatewayEventTest {

    private static final Path EVENT = Path.of("events/apigw-http-classify.json");
    private static final Path REST_EVENT = Path.of("events/apigw-rest-classify.json");

    /** The fields a REST API accepts in a proxy response; any other makes it answer 502. */
    private static final Set<String> REST_RESPONSE_FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded");

    // The event's body is this sample photo, which the model labels as ImageNet's "cup".
    private static final Path PHOTO = Path.of("events/objects/cups.jpg");
    private static final int CUP = 968;
    private static final String CUP_WNID = "n07930864";

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.test-port", defaultValue = "8081")
    int eventServerPort;

    @Test
    void theEventCarriesTheSamplePhoto() throws IOException {
        JsonPath event = JsonPath.from(Files.readString(EVENT));
        assertEquals("2.0", event.getString("version"));
        assertEquals(true, event.getBoolean("isBase64Encoded"));
        assertArrayEquals(Files.readAllBytes(PHOTO), Base64.getDecoder().decode(event.getString("body")));
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
        assertEquals(CUP, classification.getInt("predictions[0].index"));
        assertEquals(CUP_WNID, classification.getString("predictions[0].wnid"));
        // ImageNet's class 968 is WordNet's drink sense of "cup" (n07930864), hence "food".
        assertEquals("food", classification.getString("predictions[0].category"));
        assertEquals("jpeg", classification.getString("image.format"));
    }

    @Test
    void theRestEventCarriesTheSamePhotoInThe1_0Shape() throws IOException {
        JsonPath rest = JsonPath.from(Files.readString(REST_EVENT));
        assertEquals("POST", rest.getString("httpMethod"));
        assertEquals("/classify", rest.getString("path"));
        assertEquals("/prod/classify", rest.getString("requestContext.path"));
        assertEquals(JsonPath.from(Files.readString(EVENT)).getString("body"), rest.getString("body"));
    }

    @Test
    void classifiesTheRestEventAndAnswersInThe1_0Shape() throws IOException {
        JsonPath lambda = invokeRaw(Files.readString(REST_EVENT));

        assertEquals(200, lambda.getInt("statusCode"));
        assertThat(header(lambda, "content-type"), startsWith("application/json"));
        JsonPath classification = JsonPath.from(body(lambda));
        assertThat(classification.getList("predictions"), hasSize(3)); // multiValueQueryStringParameters topK=3
        assertEquals(CUP, classification.getInt("predictions[0].index"));
        assertEquals("jpeg", classification.getString("image.format"));
    }

    @Test
    void aRestEventsErrorIsProblemJsonInThe1_0Shape() throws IOException {
        String get = restEvent(event -> {
            event.put("httpMethod", "GET");
            event.with("requestContext").put("httpMethod", "GET");
        });
        JsonPath notAllowed = invokeRaw(get);
        assertEquals(405, notAllowed.getInt("statusCode"));
        assertThat(header(notAllowed, "content-type"), startsWith("application/problem+json"));
        assertEquals("POST", header(notAllowed, "allow"));
        assertEquals("urn:image-tagger:problem:method-not-allowed", JsonPath.from(body(notAllowed)).getString("type"));

        String badTopK = restEvent(event -> {
            event.with("queryStringParameters").put("topK", "3 ");
            event.with("multiValueQueryStringParameters").putArray("topK").add("1&minScore=2");
        });
        JsonPath invalid = invokeRaw(badTopK);
        assertEquals(400, invalid.getInt("statusCode"));
        assertEquals("urn:image-tagger:problem:invalid-parameter", JsonPath.from(body(invalid)).getString("type"));
        assertThat(JsonPath.from(body(invalid)).getString("detail"), containsString("1&minScore=2"));
    }

    /** What the API Gateway console's "Test" sends: a 1.0 request whose headers, query and body are all null. */
    @Test
    void aRestEventWithNullHeadersQueryAndBodyIsServed() throws IOException {
        String console = restEvent(event -> {
            event.put("resource", "/model").put("path", "/model").put("httpMethod", "GET");
            event.put("isBase64Encoded", false);
            for (String field : List.of("headers", "multiValueHeaders", "queryStringParameters",
                    "multiValueQueryStringParameters", "body")) {
                event.putNull(field);
            }
        });
        JsonPath lambda = invokeRaw(console);

        assertEquals(200, lambda.getInt("statusCode"), lambda.prettify());
        assertEquals("mobilenetv2-12-int8", JsonPath.from(body(lambda)).getString("id"), body(lambda));
    }

    /** Posts a raw event to the mock event server; the Lambda answer must be a REST proxy response, nothing more. */
    private JsonPath invokeRaw(String event) {
        String response = given().contentType("application/json").body(event)
                .when().post("http://localhost:" + eventServerPort + "/_lambda_")
                .then().statusCode(200)
                .extract().asString();
        JsonPath lambda = JsonPath.from(response);
        assertTrue(REST_RESPONSE_FIELDS.containsAll(lambda.getMap("").keySet()), response);
        return lambda;
    }

    private static String restEvent(Consumer<ObjectNode> change) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = (ObjectNode) json.readTree(REST_EVENT.toFile());
        change.accept(event);
        return json.writeValueAsString(event);
    }

    private static String body(JsonPath response) {
        return response.getBoolean("isBase64Encoded")
                ? new String(Base64.getDecoder().decode(response.getString("body")), StandardCharsets.UTF_8)
                : response.getString("body");
    }

    /** A response header by name; API Gateway treats header names case-insensitively. */
    private static String header(JsonPath response, String name) {
        Map<String, String> headers = response.getMap("headers", String.class, String.class);
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " header in " + headers));
    }
}
