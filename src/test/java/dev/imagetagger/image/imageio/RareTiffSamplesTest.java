package dev.imagetagger.image.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.classify.Classifier;
import dev.imagetagger.classify.Prediction;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.fixtures.TiffWriter;
import dev.imagetagger.fixtures.TiffWriter.Samples;
import dev.imagetagger.image.UnsupportedImageException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real photo as TIFFs of every sample format, grey and RGB, in both byte orders: each is classified as its 8-bit
 * version is, or refused as unsupported (signed samples, whose meaning as light TIFF leaves open). Never classified
 * from misread samples, which gives a confident wrong label.
 */
@QuarkusTest
class RareTiffSamplesTest {

    private static final String PHOTO = "imagenet-sample/n01558993_robin.JPEG";
    private static int width;
    private static int height;
    private static int[] rgb;

    @Inject
    Classifier classifier;

    @BeforeAll
    static void photo() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Shared.image(PHOTO)));
        width = image.getWidth();
        height = image.getHeight();
        rgb = image.getRGB(0, 0, width, height, null, 0, width);
    }

    static Stream<Arguments> formats() {
        List<Arguments> formats = new ArrayList<>();
        for (boolean grey : new boolean[] { true, false }) {
            for (Samples samples : Samples.values()) {
                formats.add(Arguments.of(grey ? "grey" : "rgb", samples, ByteOrder.LITTLE_ENDIAN));
            }
            for (Samples samples : List.of(Samples.UINT16, Samples.UINT32, Samples.FLOAT32, Samples.FLOAT64)) {
                formats.add(Arguments.of(grey ? "grey" : "rgb", samples, ByteOrder.BIG_ENDIAN));
            }
        }
        return formats.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("formats")
    void classifiedAsTheEightBitVersionOrRefused(String channels, Samples samples, ByteOrder order) {
        boolean grey = channels.equals("grey");
        Prediction expected = top(TiffWriter.write(width, height, rgb, grey, Samples.UINT8, order));
        if (!grey) {
            assertEquals(15, expected.index(), "the 8-bit RGB robin is a robin: " + expected);
        }
        byte[] tiff = TiffWriter.write(width, height, rgb, grey, samples, order);

        if (samples.name().startsWith("INT")) {
            UnsupportedImageException refused = assertThrows(UnsupportedImageException.class, () -> top(tiff));
            assertTrue(refused.getMessage().contains("signed"), refused.getMessage());
            return;
        }
        Prediction actual = top(tiff);
        assertEquals(expected.index(), actual.index(), expected + " as 8-bit, " + actual + " as " + samples);
        assertEquals(expected.score(), actual.score(), 0.02f, expected + " as 8-bit, " + actual + " as " + samples);
    }

    private Prediction top(byte[] image) {
        return classifier.classify(image, 1, 0f).predictions().get(0);
    }
}
