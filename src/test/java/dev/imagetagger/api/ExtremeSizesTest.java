package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.imagetagger.fixtures.PngEncoder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Images within the pixel limit but at the edges of the size arithmetic: a side that scales to 0, a resized side past
 * an int, rows wider than any buffer should be, deep pixels. Each is classified or refused cleanly, never a 5xx.
 */
@QuarkusTest
class ExtremeSizesTest {

    private static final int GREY = 0;
    private static final int RGB = 2;
    private static final int RGBA = 6;
    // A hang guard only, far above the time any of these takes; not a performance assertion.
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}x{1} grey")
    @CsvSource({ "1, 16777216", "1, 16777217", "16777216, 1", "64000000, 1", "3, 21333333" })
    void thinGreyImagesAreClassified(int width, int height) {
        Response response = post(uniform(width, height, 8, GREY));

        response.then().statusCode(200).body("image.width", equalTo(width)).body("image.height", equalTo(height))
                .body("predictions", not(Matchers.empty()));
    }

    /** 62 MP at 8 bytes a pixel: half a gigabyte if held, two rows when streamed. */
    @Test
    void aDeepSixteenBitRgbaPhotoSizedPngIsClassified() {
        post(uniform(9000, 6900, 16, RGBA)).then().statusCode(200).body("image.width", equalTo(9000))
                .body("predictions", not(Matchers.empty()));
    }

    /** Its two rows alone would be 384 MB: refused from the header, before any allocation or pixel data. */
    @Test
    void rowsWiderThanTheBudgetAreRefusedAsTooLarge() {
        byte[] header = new byte[13];
        PngEncoder.putInt(header, 0, 64_000_000);
        PngEncoder.putInt(header, 4, 1);
        header[8] = 8;
        header[9] = RGB;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        png.writeBytes(PngEncoder.chunkBytes("IHDR", header));
        png.writeBytes(PngEncoder.chunkBytes("IEND", new byte[0]));

        post(png.toByteArray()).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("64000000x1"));
    }

    private static byte[] uniform(int width, int height, int bitDepth, int colorType) {
        return new PngEncoder(width, height, bitDepth, colorType).filter(0)
                .encode((y, raw) -> Arrays.fill(raw, (byte) 90));
    }

    private static Response post(byte[] png) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> given().contentType("image/png").body(png)
                .when().post("/classify"));
    }
}
