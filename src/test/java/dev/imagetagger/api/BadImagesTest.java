package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.ImageRejectedException;
import dev.imagetagger.image.ImageTooLargeException;
import dev.imagetagger.image.UnsupportedImageException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The malformed and hostile files of {@code images/bad}: each answered as its manifest expects, over the Lambda HTTP
 * path and through the Classifier bean, every error as a problem+json without a stack trace, and none hanging.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadImagesTest {

    private static final Path BAD = Shared.images("bad");
    // A hang guard only, far above the time any of these takes; not a performance assertion.
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\\bat [\\w$]+(\\.[\\w$]+)+\\(|\\.java:\\d+");

    @Inject
    Classifier classifier;

    @Inject
    ApiConfig api;

    /** One manifest line; its toString names the test case. */
    record BadFile(String file, String expect) {

        byte[] bytes() {
            return Shared.read(BAD.resolve(file));
        }

        @Override
        public String toString() {
            return file + " (" + expect + ")";
        }
    }

    static Stream<BadFile> files() {
        return Csv.read(BAD.resolve("manifest.csv")).stream().map(r -> new BadFile(r.get("file"), r.get("expect")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @Order(1)
    void overHttp(BadFile file) {
        byte[] bytes = file.bytes();
        Response response = assertTimeoutPreemptively(HANG_GUARD, () -> given()
                .contentType(claimedType(file.file())).body(bytes)
                .when().post("/classify"));

        Set<Integer> allowed = switch (file.expect()) {
            case "reject-not-image" -> Set.of(415);
            case "reject-too-large" -> Set.of(413);
            case "reject-corrupt" -> Set.of(422);
            // Past the API's body limit a valid image is refused before decoding; that is the documented answer.
            case "accept" -> Set.of(bytes.length > api.maxBodyBytes() ? 413 : 200);
            case "accept-or-reject-corrupt" -> Set.of(200, 422);
            default -> throw new IllegalArgumentException(file.expect());
        };
        assertTrue(allowed.contains(response.statusCode()),
                "status " + response.statusCode() + ", expected one of " + allowed + ": " + response.asString());

        if (response.statusCode() == 200) {
            response.then().contentType("application/json").body("predictions", not(org.hamcrest.Matchers.empty()));
        } else {
            assertIsProblem(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @Order(2)
    void throughTheClassifier(BadFile file) {
        byte[] bytes = file.bytes();
        Object outcome = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                return classifier.classify(bytes, 5, 0f);
            } catch (ImageRejectedException e) {
                return e;
            }
        });

        switch (file.expect()) {
            case "reject-not-image" -> assertInstanceOf(UnsupportedImageException.class, outcome);
            case "reject-too-large" -> assertInstanceOf(ImageTooLargeException.class, outcome);
            case "reject-corrupt" -> assertInstanceOf(CorruptImageException.class, outcome);
            case "accept" -> assertClassified(outcome);
            case "accept-or-reject-corrupt" -> {
                if (!(outcome instanceof CorruptImageException)) {
                    assertClassified(outcome);
                }
            }
            default -> fail(file.expect());
        }
    }

    @Test
    @Order(3)
    void stillClassifiesAfterTheHostileFiles() {
        LabelledPhoto photo = LabelledPhoto.imageNetSample().get(0);

        given().contentType("image/jpeg").body(photo.bytes())
                .when().post("/classify")
                .then().statusCode(200).body("predictions[0].index", equalTo(photo.classIndex()));
    }

    private static void assertClassified(Object outcome) {
        if (!(outcome instanceof Classification classification)) {
            throw new AssertionError("expected a classification, got " + outcome);
        }
        assertFalse(classification.predictions().isEmpty());
    }

    private static void assertIsProblem(Response response) {
        response.then().contentType("application/problem+json")
                .body("status", equalTo(response.statusCode()))
                .body("title", not(blankOrNullString()))
                .body("detail", not(blankOrNullString()));
        String body = response.asString();
        assertFalse(STACK_TRACE.matcher(body).find(), "implementation details in " + body);
    }

    /** The type a client would send for the file's name (misnamed files claim the wrong type, as they would). */
    private static String claimedType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "jpg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }

    @Test
    @Order(4)
    void theManifestCoversEveryOutcome() {
        assertEquals(Set.of("reject-not-image", "reject-too-large", "reject-corrupt", "accept",
                "accept-or-reject-corrupt"), files().map(BadFile::expect).collect(java.util.stream.Collectors.toSet()));
    }
}
