package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.imagetagger.fixtures.GeneratedPng;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Images within the pixel limit but at the edges of the size arithmetic: a side that scales to 0, a resized side past
 * an int, a row wider than any buffer should be. Each is classified or refused cleanly, never a 5xx.
 */
@QuarkusTest
class ExtremeSizesTest {

    // A hang guard only, far above the time any of these takes; not a performance assertion.
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}x{1} grey")
    @CsvSource({ "1, 16777216", "1, 16777217", "16777216, 1", "64000000, 1", "3, 21333333" })
    void thinGreyImagesAreClassified(int width, int height) {
        Response response = post(GeneratedPng.uniform(width, height, GeneratedPng.GREY, 8, 90));

        response.then().statusCode(200).body("image.width", equalTo(width)).body("image.height", equalTo(height))
                .body("predictions", not(org.hamcrest.Matchers.empty()));
    }

    private static Response post(byte[] png) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> given().contentType("image/png").body(png)
                .when().post("/classify"));
    }
}
