package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.Shared;

class ImageFormatTest {

    private static final Path FORMATS = Shared.images("formats");
    private static final Path BAD = Shared.images("bad");

    static Stream<Map<String, String>> formatFiles() {
        return Csv.read(FORMATS.resolve("manifest.csv")).stream();
    }

    @ParameterizedTest
    @MethodSource("formatFiles")
    void recognisesEverySharedEncodingByItsBytes(Map<String, String> file) {
        ImageFormat expected = switch (file.get("mime")) {
            case "image/jpeg" -> ImageFormat.JPEG;
            case "image/png" -> ImageFormat.PNG;
            case "image/gif" -> ImageFormat.GIF;
            case "image/bmp" -> ImageFormat.BMP;
            case "image/tiff" -> ImageFormat.TIFF;
            case "image/webp" -> ImageFormat.WEBP;
            case "image/heic" -> ImageFormat.HEIC;
            case "image/avif" -> ImageFormat.AVIF;
            default -> throw new IllegalArgumentException(file.get("mime"));
        };

        assertEquals(Optional.of(expected), ImageFormat.sniff(Shared.read(FORMATS.resolve(file.get("file")))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "empty.jpg", "one-byte.jpg", "text.jpg", "html.png", "vector.svg", "document.pdf",
            "zip-renamed.jpg", "random-1mb.jpg" })
    void findsNoFormatInFilesThatAreNotImagesWhateverTheirName(String name) {
        assertEquals(Optional.empty(), ImageFormat.sniff(Shared.read(BAD.resolve(name))));
    }

    @Test
    void theContentDecidesNotTheName() {
        // A GIF bomb and a PNG bomb are what they are, and a JPEG stays a JPEG when only its bytes are seen.
        assertEquals(Optional.of(ImageFormat.GIF), ImageFormat.sniff(Shared.read(BAD.resolve("gif-bomb-65535x65535.gif"))));
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.sniff(Shared.read(BAD.resolve("png-bad-crc.png"))));
        byte[] png = Shared.read(FORMATS.resolve("n01558993_robin.png-rgb8.png"));
        byte[] jpeg = Shared.read(FORMATS.resolve("n01558993_robin.jpeg-gray.jpg"));
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.sniff(png));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.sniff(jpeg));
    }

    @Test
    void aTruncatedSignatureIsNoFormat() {
        byte[] png = Shared.read(FORMATS.resolve("n01558993_robin.png-rgb8.png"));

        assertEquals(Optional.empty(), ImageFormat.sniff(Arrays.copyOf(png, 7)));
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.sniff(Arrays.copyOf(png, 8)));
    }

    @Test
    void aRiffFileIsWebpOnlyWithTheWebpFourcc() {
        byte[] wav = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(Optional.empty(), ImageFormat.sniff(wav));
    }

    @Test
    void heicAndAvifAreRecognisedOnlyToBeRefused() {
        assertFalse(ImageFormat.HEIC.decodable());
        assertFalse(ImageFormat.AVIF.decodable());
        Stream.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.BMP, ImageFormat.TIFF,
                ImageFormat.WEBP).forEach(f -> assertTrue(f.decodable(), f.name()));
    }
}
