package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.Shared;

class ExifOrientationTest {

    private static final Path FORMATS = Shared.images("formats");

    static Stream<Map<String, String>> exifFiles() {
        List<Map<String, String>> exif = Csv.read(FORMATS.resolve("manifest.csv")).stream()
                .filter(r -> r.get("variant").startsWith("exif-o")).toList();
        assertEquals(13, exif.size(), "the shared set has 13 EXIF-orientation files");
        return exif.stream();
    }

    @ParameterizedTest
    @MethodSource("exifFiles")
    void readsTheTagOfTheSharedExifFiles(Map<String, String> file) {
        int tag = Integer.parseInt(file.get("variant").substring("exif-o".length()));

        Orientation read = ExifOrientation.ofJpeg(Shared.read(FORMATS.resolve(file.get("file"))));

        assertEquals(Orientation.ofExifValue(tag), read);
    }

    @Test
    void aJpegWithoutExifIsUpright() {
        byte[] jpeg = Shared.read(FORMATS.resolve("n03445924_golfcart.jpeg-baseline-q90.jpg"));

        assertEquals(Orientation.NORMAL, ExifOrientation.ofJpeg(jpeg));
    }

    @Test
    void junkExifIsUprightNotAnError() {
        // An APP1 that starts "Exif\0\0" and continues with 1 MiB of random bytes.
        byte[] jpeg = Shared.read(Shared.images("bad").resolve("app-junk-1mb.jpg"));

        assertEquals(Orientation.NORMAL, ExifOrientation.ofJpeg(jpeg));
    }

    @Test
    void everyTruncationOfAnExifHeaderIsUprightOrTheTag() {
        byte[] jpeg = Shared.read(FORMATS.resolve("n03445924_golfcart.exif-o6.jpg"));
        int scan = indexOfStartOfScan(jpeg);

        for (int length = 0; length <= scan; length++) {
            Orientation read = ExifOrientation.ofJpeg(Arrays.copyOf(jpeg, length));
            assertTrue(read == Orientation.NORMAL || read == Orientation.ROTATE_90_CW, length + " bytes: " + read);
        }
    }

    private static int indexOfStartOfScan(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i;
            }
        }
        throw new AssertionError("no SOS marker");
    }
}
