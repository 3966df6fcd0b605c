package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

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

    private static Response expect(int status, Response answer) {
        assertEquals(status, answer.statusCode(), answer.asString());
        return answer;
    }
}
