package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.Region;

/** The hostile and odd files of {@code images/bad} that are named .jpg, each with its manifest's expectation. */
class JpegDecoderBadInputTest {

    private static final Path BAD = Shared.images("bad");

    static Stream<Map<String, String>> jpegNamedFiles() {
        return Csv.read(BAD.resolve("manifest.csv")).stream().filter(r -> r.get("file").endsWith(".jpg"));
    }

    @ParameterizedTest
    @MethodSource("jpegNamedFiles")
    void endsAsTheManifestExpects(Map<String, String> row) {
        byte[] bytes = Shared.read(BAD.resolve(row.get("file")));
        switch (row.get("expect")) {
            case "reject-not-image" -> assertThrows(CorruptImageException.class, () -> JpegDecoder.readHeader(bytes));
            case "reject-corrupt" -> {
                JpegDecoder.readHeader(bytes);
                assertThrows(CorruptImageException.class, () -> JpegDecoder.decode(bytes, 1, Region.ALL));
                assertThrows(CorruptImageException.class, () -> JpegDecoder.decode(bytes, 8, Region.ALL));
            }
            case "accept-or-reject-corrupt" -> {
                for (int scale : new int[] { 1, 2, 4, 8 }) {
                    try {
                        ScaledImage image = JpegDecoder.decode(bytes, scale, Region.ALL);
                        assertEquals(Component.ceilDiv(JpegDecoder.readHeader(bytes).width(), scale), image.width());
                    } catch (CorruptImageException expected) {
                        assertTrue(expected.getMessage().contains("JPEG"), expected.getMessage());
                    }
                }
            }
            case "reject-too-large" -> {
                JpegHeader header = JpegDecoder.readHeader(bytes);
                assertEquals(65000, header.width());
                assertEquals(65000, header.height());
            }
            case "accept" -> {
                JpegHeader header = JpegDecoder.readHeader(bytes);
                assertTrue(header.supported());
                for (int scale : new int[] { 1, JpegDecoder.scaleFor(header.width(), header.height(), 256) }) {
                    ScaledImage image = JpegDecoder.decode(bytes, scale, Region.ALL);
                    assertEquals(Component.ceilDiv(header.width(), scale), image.width());
                    assertEquals(Component.ceilDiv(header.height(), scale), image.height());
                    assertEquals((long) image.width() * image.height() * image.channels(), image.samples().length);
                }
            }
            default -> fail("unknown expectation " + row.get("expect"));
        }
    }

    @Test
    void truncatedEntropyDataIsCorruptNotGrey() {
        byte[] bytes = Shared.read(BAD.resolve("truncated-50pct.jpg"));
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> JpegDecoder.decode(bytes, 1, Region.ALL));
        assertEquals("The JPEG entropy data ends before all blocks are decoded.", e.getMessage());
        // At 1/8 too: AC coefficients are stepped over, but still read.
        assertThrows(CorruptImageException.class, () -> JpegDecoder.decode(bytes, 8, Region.ALL));
    }

    @Test
    void scaleForPicksTheLargestReductionThatKeepsTheShorterSide() {
        assertEquals(8, JpegDecoder.scaleFor(8000, 6000, 256));
        assertEquals(4, JpegDecoder.scaleFor(2560, 1600, 256)); // 1600 / 8 = 200 < 256
        assertEquals(2, JpegDecoder.scaleFor(1024, 768, 256));
        assertEquals(1, JpegDecoder.scaleFor(500, 375, 256));
        assertEquals(8, JpegDecoder.scaleFor(10, 10000, 1)); // ceil(10 / 8) = 2
        assertEquals(1, JpegDecoder.scaleFor(100, 100, 256)); // none is enough
        assertEquals(2, JpegDecoder.scaleFor(511, 4000, 256)); // ceil(511 / 2) = 256
    }
}
