package dev.imagetagger.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;

/** Real photographs up to 48 MP classify within the test JVM's Lambda-sized heap (-Xmx512m). */
@QuarkusTest
class LargeImagesTest {

    private static final Path LARGE = Shared.images("large");

    @Inject
    Classifier classifier;

    static Stream<Map<String, String>> photos() {
        return Csv.read(LARGE.resolve("manifest.csv")).stream();
    }

    @ParameterizedTest
    @MethodSource("photos")
    void classifiesWithoutError(Map<String, String> photo) {
        byte[] bytes = Shared.read(LARGE.resolve(photo.get("file")));

        // A hang guard only, not a performance assertion: the benchmark measures speed.
        Classification result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> classifier.classify(bytes, 5, 0f));

        assertEquals(Integer.parseInt(photo.get("width")), result.image().width());
        assertEquals(Integer.parseInt(photo.get("height")), result.image().height());
        assertFalse(result.predictions().isEmpty());
        System.out.printf("%-32s %s, decode %.0f ms, preprocess %.0f ms, inference %.0f ms%n", photo.get("file"),
                result.predictions().get(0).label(), result.timings().decodeMs(), result.timings().preprocessMs(),
                result.timings().inferenceMs());
    }
}
