package dev.imagetagger.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.UnsupportedImageException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The same photo in every shared encoding must get its source's class as top-1 ({@code same-as-source}); WebP, HEIC
 * and AVIF may instead be refused cleanly as unsupported.
 */
@QuarkusTest
class FormatsAccuracyTest {

    private static final Path FORMATS = Shared.images("formats");
    private static final Set<String> MAY_BE_UNSUPPORTED = Set.of("image/webp", "image/heic", "image/avif");
    // The photo whose variants (incl. seven EXIF orientations) also go through the Lambda HTTP path.
    private static final String HTTP_SOURCE = "n03445924_golfcart.JPEG";

    @Inject
    Classifier classifier;

    @Test
    void everyEncodingGetsTheSourcesClass() {
        List<Map<String, String>> files = Csv.read(FORMATS.resolve("manifest.csv"));
        assertEquals(233, files.size());

        List<String> failures = new ArrayList<>();
        Map<String, int[]> byVariant = new TreeMap<>(); // variant -> { same class, unsupported }
        for (Map<String, String> file : files) {
            assertEquals("same-as-source", file.get("expect"));
            int expected = Integer.parseInt(file.get("class_index"));
            int[] counts = byVariant.computeIfAbsent(file.get("variant"), v -> new int[2]);
            try {
                Prediction top = classifier.classify(Shared.read(FORMATS.resolve(file.get("file"))), 1, 0f)
                        .predictions().get(0);
                if (top.index() == expected) {
                    counts[0]++;
                } else {
                    failures.add(file.get("file") + ": top-1 " + top.index() + " " + top.label() + ", expected "
                            + expected);
                }
            } catch (UnsupportedImageException e) {
                if (MAY_BE_UNSUPPORTED.contains(file.get("mime"))) {
                    counts[1]++;
                } else {
                    failures.add(file.get("file") + ": refused as unsupported: " + e.getMessage());
                }
            }
        }

        byVariant.forEach((variant, c) -> System.out.printf("%-20s same class %2d, unsupported %2d%n", variant, c[0],
                c[1]));
        assertTrue(failures.isEmpty(), failures.size() + " of " + files.size() + " wrong:\n" + String.join("\n", failures));
    }

    @Test
    void everyEncodingOfOnePhotoOverHttp() {
        List<Map<String, String>> files = Csv.read(FORMATS.resolve("manifest.csv")).stream()
                .filter(r -> r.get("source_file").equals(HTTP_SOURCE)).toList();
        assertEquals(29, files.size());

        for (Map<String, String> file : files) {
            Response response = given().contentType(file.get("mime"))
                    .body(Shared.read(FORMATS.resolve(file.get("file"))))
                    .when().post("/classify");
            if (response.statusCode() == 415 && MAY_BE_UNSUPPORTED.contains(file.get("mime"))) {
                response.then().contentType("application/problem+json").body("status", equalTo(415));
            } else {
                response.then().statusCode(200)
                        .body("predictions[0].index", equalTo(Integer.parseInt(file.get("class_index"))));
            }
        }
    }
}
