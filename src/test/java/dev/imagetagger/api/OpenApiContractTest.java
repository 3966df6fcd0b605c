package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Real answers of the running function, through the Lambda HTTP path, checked against the OpenAPI contract it serves:
 * a classification, and a problem+json answer for each status a caller can provoke without S3.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path README = Path.of(System.getProperty("basedir", "."), "README.md");
    private OpenApiContract contract;

    @BeforeEach
    void contract() {
        contract = OpenApiContract.served();
    }

    @Test
    void aClassificationMatchesTheContract() {
        Response answer = given().contentType("image/jpeg").body(Shared.image("imagenet-sample/n01558993_robin.JPEG"))
                .post("/classify?topK=3");

        assertEquals(200, answer.statusCode());
        contract.assertAllows("post", "/classify", answer);
    }

    @Test
    void theModelDescriptorMatchesTheContract() {
        contract.assertAllows("get", "/model", given().get("/model"));
    }

    @Test
    void problemAnswersMatchTheContract() {
        contract.assertAllows("post", "/classify", expect(400, given().contentType("image/jpeg").body(new byte[] { 1 })
                .post("/classify?topK=many")));
        contract.assertAllows("post", "/classify", expect(413, given().contentType("image/jpeg")
                .body(new byte[5 * 1024 * 1024]).post("/classify")));
        contract.assertAllows("post", "/classify", expect(415, given().contentType("image/jpeg")
                .body("meeting notes, not a photo".getBytes(StandardCharsets.UTF_8)).post("/classify")));
        contract.assertAllows("post", "/classify", expect(415, given().contentType("text/plain")
                .body("meeting notes").post("/classify")));
        contract.assertAllows("post", "/classify", expect(422, given().contentType("image/jpeg")
                .body(Shared.image("bad/headers-only.jpg")).post("/classify")));
        contract.assertAllows("post", "/classify", expect(403, given().contentType("application/json")
                .body("{\"bucket\": \"someone-elses\", \"key\": \"a.jpg\"}").post("/classify")));
    }

    /** Malformed and mistyped JSON, and an image sent as JSON: 400 invalid-json, saying what the body must be. */
    @ParameterizedTest
    @ValueSource(strings = { "[]", "\"x\"", "42", "true", "null", "{\"bucket\": [\"a\"], \"key\": \"k\"}",
        "{\"bucket\": \"b\", \"key\": \"k\", \"tag\": \"yes\"}", "{\"bucket\": \"b\", \"key\": {}}",
        "{\"bucket\": \"b\",", "{bucket: b}", "\u00ff\u00d8\u00ff\u00e0 an image" })
    void aBodyThatIsNotAnObjectReferenceIsAProblem(String body) {
        Response answer = expect(400, given().contentType("application/json")
                .body(body.getBytes(StandardCharsets.ISO_8859_1)).post("/classify"));

        contract.assertAllows("post", "/classify", answer);
        assertEquals("urn:image-tagger:problem:invalid-json", answer.path("type"));
        assertTrue(answer.<String>path("detail").contains("{\"bucket\""), answer.asString());
    }

    @Test
    void aMistypedFieldIsNamed() {
        Response answer = expect(400, given().contentType("application/json")
                .body("{\"bucket\": \"b\", \"key\": \"k\", \"tag\": \"yes\"}").post("/classify"));

        assertTrue(answer.<String>path("detail").contains("tag"), answer.asString());
        assertTrue(answer.<String>path("detail").contains("true or false"), answer.asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
    void aBodyOfAnotherMediaTypeIsToldWhichAreAccepted(String mediaType) {
        Response answer = expect(415, withBody(mediaType, "photo=robin.jpg").post("/classify"));

        contract.assertAllows("post", "/classify", answer);
        assertEquals("urn:image-tagger:problem:unsupported-media-type", answer.path("type"));
        assertTrue(answer.<String>path("detail").contains("image/*"), answer.asString());
        assertTrue(answer.<String>path("detail").contains("application/json"), answer.asString());
        assertFalse(answer.<String>path("detail").contains("@Consumes"), answer.asString());
    }

    @Test
    void aWrongMethodIsAProblemWithAllow() {
        Response get = expect(405, given().get("/classify"));
        contract.assertAllows("post", "/classify", get);
        assertEquals("urn:image-tagger:problem:method-not-allowed", get.path("type"));
        assertEquals("POST", get.header("Allow"));

        Response post = expect(405, given().contentType("application/json").body("{}").post("/model"));
        contract.assertAllows("get", "/model", post);
        assertEquals("urn:image-tagger:problem:method-not-allowed", post.path("type"));
        assertEquals("GET", post.header("Allow"), post.headers().toString());
    }

    /** The Allow header's table names, for each resource path, the methods its resource class declares. */
    @Test
    void theAllowedMethodsAreTheResourcesOwn() {
        Map<String, String> declared = new TreeMap<>();
        for (Class<?> resource : List.of(ClassifyResource.class, ModelResource.class)) {
            Set<String> methods = new TreeSet<>();
            for (Method method : resource.getMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        methods.add(http.value());
                    }
                }
            }
            declared.put(resource.getAnnotation(jakarta.ws.rs.Path.class).value(), String.join(", ", methods));
        }
        assertEquals(declared, new TreeMap<>(ProblemMappers.ALLOWED));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/classify/robin.jpg", "/nothing-here", "/model/labels" })
    void anUnknownPathIsAProblem(String path) {
        Response answer = expect(404, given().get(path));

        // A path the API does not have has no operation of its own: the contract declares not-found with /classify's.
        contract.assertAllows("post", "/classify", answer);
        assertEquals("urn:image-tagger:problem:not-found", answer.path("type"));
        assertTrue(answer.<String>path("detail").contains("POST /classify"), answer.asString());
    }

    /** Numbers are plain decimals: Java's float syntax (suffixes, hexadecimal, exponents) is refused. */
    @ParameterizedTest
    @ValueSource(strings = { "minScore=0.5f", "minScore=0.5d", "minScore=0x1p-2", "minScore=1e-1", "minScore=NaN",
        "minScore=Infinity", "minScore=+0.5", "minScore=.", "topK=+3", "topK=3.0", "topK=0x3", "topK=3L" })
    void aNumberNotWrittenAsAPlainDecimalIsRefused(String query) {
        Response answer = expect(400, given().contentType("image/jpeg").body(new byte[] { 1 })
                .post("/classify?" + query));

        contract.assertAllows("post", "/classify", answer);
        assertEquals("urn:image-tagger:problem:invalid-parameter", answer.path("type"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "minScore=0.25", "minScore=.25", "minScore=0", "minScore=1", "minScore=1.0", "topK=3" })
    void aPlainDecimalIsAccepted(String query) {
        expect(200, given().contentType("image/jpeg").body(Shared.image("imagenet-sample/n01558993_robin.JPEG"))
                .post("/classify?" + query));
    }

    @Test
    void theCheckCatchesAnAnswerTheContractDoesNotAllow() {
        // A problem whose type is not one of ours, served as if it were a real answer.
        Response stray = given().contentType("image/jpeg").body(new byte[] { 1 }).post("/classify?topK=many");
        String body = stray.asString().replace("urn:image-tagger:problem:invalid-parameter", "about:blank");
        Response forged = new ResponseBuilder().clone(stray).setBody(body).build();

        assertThrows(AssertionFailedError.class, () -> contract.assertAllows("post", "/classify", forged));
    }

    @Test
    void everyStatusTheReadmeDocumentsIsDeclaredAsAProblem() throws IOException {
        Set<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\|").matcher(Files.readString(README));
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        assertTrue(documented.containsAll(Set.of(400, 403, 404, 413, 415, 422, 503)), documented.toString());

        for (int status : documented) {
            assertFalse(contract.response("post", "/classify", status).path("content")
                    .path(Problem.MEDIA_TYPE).isMissingNode(), "status " + status);
        }
    }

    /** The README's status table and the contract name the same problem types. */
    @Test
    void everyProblemTypeOfTheContractIsInTheReadmeTable() throws IOException {
        String pattern = contract.document().at("/components/schemas/Problem/properties/type/pattern").asText();
        Matcher names = Pattern.compile("\\((.+)\\)").matcher(pattern);
        assertTrue(names.find(), pattern);
        Set<String> declared = new TreeSet<>(List.of(names.group(1).split("\\|")));
        declared.remove("http-[0-9]{3}"); // a status without a problem of ours (such as 406), named by its number

        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| \\d{3} \\|.*$").matcher(Files.readString(README));
        while (row.find()) {
            Matcher name = Pattern.compile("\\(`([a-z0-9-]+)`").matcher(row.group());
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        assertEquals(declared, documented);
    }

    /** What curl sends: RestAssured encodes a form only from text, and any other type only from bytes. */
    private static RequestSpecification withBody(String mediaType, String text) {
        RequestSpecification request = given().contentType(mediaType);
        return mediaType.startsWith("application/x-www-form-urlencoded") ? request.body(text)
                : request.body(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Response expect(int status, Response answer) {
        assertEquals(status, answer.statusCode(), answer.asString());
        return answer;
    }
}
