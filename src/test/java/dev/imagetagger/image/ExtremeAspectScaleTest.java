package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.image.jpeg.JpegDecoder;
import dev.imagetagger.image.jpeg.ScaledImage;

/**
 * A reduced-scale decode of a very thin JPEG must be mapped by the scale it was decoded at, which no size ratio
 * gives back: 10 pixels at 1/8 are 2 decoded pixels, which look like 1/5. The photos are grey ramps along their
 * long side, so the centre crop must show the ramp's middle level whatever the scale; a crop mapped by a wrong scale
 * lands thousands of pixels off. The expected level comes from the ramp, not from a reference that could share
 * the mistake.
 */
class ExtremeAspectScaleTest {

    private static final int LONG_SIDE = 10_000;
    /** JPEG quality loss on a smooth ramp and the ramp's slope under the crop: a level or two. */
    private static final float TOLERANCE = 3;

    @ParameterizedTest(name = "{0}x{1} at 1/{2}, {3}")
    @CsvSource({
            "10, 10000, 1, NORMAL", "10, 10000, 2, NORMAL", "10, 10000, 4, NORMAL", "10, 10000, 8, NORMAL",
            "10000, 10, 1, NORMAL", "10000, 10, 2, NORMAL", "10000, 10, 4, NORMAL", "10000, 10, 8, NORMAL",
            "10, 10000, 8, ROTATE_90_CW", "10000, 10, 4, ROTATE_90_CCW", "10, 10000, 4, TRANSVERSE" })
    void theCropOfAReducedDecodeShowsTheMiddleOfTheRamp(int width, int height, int scale, Orientation orientation) {
        byte[] jpeg = ramp(width, height);
        ScaledImage decoded = JpegDecoder.decode(jpeg, scale, Region.ALL);
        SampleRows rows = new SampleRows(decoded.width(), decoded.height(), decoded.channels(), decoded.samples());
        DecodedImage image = new DecodedImage(width, height, decoded.scale(), ImageFormat.JPEG, orientation,
                () -> rows);

        assertShowsTheMiddle(new Preprocessor(256, 224, new float[3], new float[] { 1, 1, 1 }, ChannelOrder.RGB,
                TensorLayout.NHWC).uprightCrop(image), width + "x" + height + " at 1/" + scale);
    }

    /** The way the classifier decodes: a model that resizes to 2 pixels has 10 x 10,000 photos decoded at 1/8. */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({ "10, 10000", "10000, 10" })
    void theDecoderCarriesTheScaleItDecodedAt(int width, int height) {
        Preprocessor preprocessor = new Preprocessor(2, 2, new float[3], new float[] { 1, 1, 1 }, ChannelOrder.RGB,
                TensorLayout.NHWC);

        DecodedImage image = new ImageDecoder(Configs.defaults(ImageLimits.class)).decode(ramp(width, height),
                preprocessor);

        assertEquals(8, image.scale());
        assertShowsTheMiddle(preprocessor.uprightCrop(image), width + "x" + height);
    }

    private static void assertShowsTheMiddle(float[] crop, String name) {
        float middle = 127.5f;
        for (int i = 0; i < crop.length; i++) {
            assertTrue(Math.abs(crop[i] - middle) <= TOLERANCE,
                    name + ": crop value " + i + " is " + crop[i] + ", not the ramp's middle " + middle);
        }
    }

    /** A grey JPEG that ramps from black to white along its long side and is even across it. */
    private static byte[] ramp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int level = Math.round(255f * (width > height ? x : y) / (LONG_SIDE - 1));
                image.setRGB(x, y, level << 16 | level << 8 | level);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
