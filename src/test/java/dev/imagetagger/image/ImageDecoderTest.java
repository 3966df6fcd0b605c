package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.model.ModelConfig;

/**
 * Decodes every shared encoding of a photo and compares its upright, resized centre crop with the source JPEG's,
 * pixel by pixel: a decoder that drops the ICC profile, inverts CMYK, brightens grey, takes the wrong GIF frame or
 * ignores EXIF orientation is far off.
 */
@LambdaSizedHeap
class ImageDecoderTest {

    private static final Path FORMATS = Shared.images("formats");
    private static final ImageDecoder DECODER = new ImageDecoder(Configs.defaults(ImageLimits.class));
    private static final Preprocessor PREPROCESSOR = Preprocessing.of(Configs.defaults(ModelConfig.class));
    /** The preprocessing's resize, with every decoded pixel read. */
    private static final DecodeTarget EVERY_PIXEL = new DecodeTarget() {
        @Override
        public int resizeShorterSide() {
            return PREPROCESSOR.resizeShorterSide();
        }

        @Override
        public Region readRegion(int storedWidth, int storedHeight, int scale, Orientation orientation) {
            return Region.ALL;
        }
    };

    /**
     * Largest mean absolute difference (0-255 scale) from the source crop. Faithful decodes of the variants stay
     * within about 2 levels (JPEG re-encoding, palettes); the CMYK file with an ICC profile went through the SWOP
     * gamut (PSNR down to 24 dB, an RMS error of 16), and lands at up to 14. A wrong colour conversion, frame or
     * orientation is far above either bound.
     */
    private static final double MAX_MEAN_DIFFERENCE = 4;
    private static final double MAX_MEAN_DIFFERENCE_THROUGH_SWOP = 16;

    static Stream<Map<String, String>> decodableVariants() {
        return Csv.read(FORMATS.resolve("manifest.csv")).stream()
                .filter(r -> !r.get("variant").equals("heic") && !r.get("variant").equals("avif"));
    }

    @ParameterizedTest
    @MethodSource("decodableVariants")
    void everyDecodableVariantLooksLikeItsSource(Map<String, String> file) {
        DecodedImage source = decodeSource(file);
        DecodedImage variant = decode(DECODER, Shared.read(FORMATS.resolve(file.get("file"))));

        assertEquals(source.width(), variant.width(), "upright width");
        assertEquals(source.height(), variant.height(), "upright height");
        boolean grey = file.get("variant").equals("jpeg-gray");
        double difference = meanDifference(crop(source), crop(variant), grey);
        double bound = file.get("variant").equals("jpeg-cmyk") ? MAX_MEAN_DIFFERENCE_THROUGH_SWOP : MAX_MEAN_DIFFERENCE;
        assertTrue(difference < bound, "mean difference " + difference + " from the source, bound " + bound);
    }

    @ParameterizedTest
    @MethodSource("exifVariants")
    void theTaggedOrientationIsTheOneThatMatchesTheSource(Map<String, String> file) {
        float[] source = crop(decodeSource(file));
        // Every pixel: the orientations tried round the crop differently, and read pixels the tagged one does not.
        DecodedImage stored = DECODER.decode(Shared.read(FORMATS.resolve(file.get("file"))), EVERY_PIXEL);

        Orientation closest = null;
        double best = Double.MAX_VALUE;
        for (Orientation candidate : Orientation.values()) {
            double difference = meanDifference(source,
                    crop(stored.withOrientation(candidate)), false);
            if (difference < best) {
                best = difference;
                closest = candidate;
            }
        }

        assertEquals(stored.orientation(), closest);
    }

    static Stream<Map<String, String>> exifVariants() {
        return decodableVariants().filter(r -> r.get("variant").startsWith("exif-o"));
    }

    @Test
    void refusesHeicAndAvifAsUnsupported() {
        for (String name : new String[] { "n01558993_robin.heic.heic", "n01558993_robin.avif.avif" }) {
            assertThrows(UnsupportedImageException.class, () -> decode(DECODER, Shared.read(FORMATS.resolve(name))));
        }
    }

    @Test
    void refusesAnImageOverThePixelLimitFromItsHeader() {
        ImageDecoder small = new ImageDecoder(Configs.mapping(ImageLimits.class, Map.of("tagger.image.max-pixels", "100000")));
        byte[] photo = Shared.read(FORMATS.resolve("n01558993_robin.png-rgb8.png")); // 500x375

        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> decode(small, photo));
        assertTrue(e.getMessage().contains("500x375"), e.getMessage());
    }

    @Test
    void refusesAnEncodedImageOverTheByteLimit() {
        ImageDecoder small = new ImageDecoder(Configs.mapping(ImageLimits.class, Map.of("tagger.image.max-bytes", "1000")));

        assertThrows(ImageTooLargeException.class,
                () -> decode(small, Shared.read(FORMATS.resolve("n01558993_robin.png-rgb8.png"))));
    }

    private static DecodedImage decodeSource(Map<String, String> file) {
        return decode(DECODER, Shared.read(Shared.images("imagenet-sample").resolve(file.get("source_file"))));
    }

    private static DecodedImage decode(ImageDecoder decoder, byte[] bytes) {
        return decoder.decode(bytes, PREPROCESSOR);
    }

    private static float[] crop(DecodedImage image) {
        return PREPROCESSOR.uprightCrop(image);
    }

    /** Mean absolute difference per sample; against a grey variant the source is compared by its luma. */
    private static double meanDifference(float[] source, float[] variant, boolean grey) {
        double sum = 0;
        for (int i = 0; i < source.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                float expected = grey ? 0.299f * source[i] + 0.587f * source[i + 1] + 0.114f * source[i + 2]
                        : source[i + c];
                sum += Math.abs(expected - variant[i + c]);
            }
        }
        return sum / source.length;
    }
}
