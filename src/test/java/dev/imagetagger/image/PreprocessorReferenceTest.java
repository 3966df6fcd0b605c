package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.model.ModelConfig;

/**
 * The model input, bit for bit, against {@link ReferencePreprocessor}: the fast loops must not move a single float,
 * because the Pillow-like rounding between the passes decides some top-1 classes (see {@link Resampler}).
 */
@LambdaSizedHeap
class PreprocessorReferenceTest {

    private static final Orientation[] ORIENTATIONS = Orientation.values();

    @Test
    void everySharedPhotoGivesTheReferenceTensorInEveryOrientation() {
        ModelConfig model = Configs.defaults(ModelConfig.class);
        Preprocessor preprocessor = Preprocessing.of(model);
        ReferencePreprocessor reference = new ReferencePreprocessor(model.resizeShorterSide(), model.inputSize(),
                floats(model.mean()), floats(model.std()), model.channelOrder(), model.layout());
        ImageDecoder decoder = new ImageDecoder(Configs.defaults(ImageLimits.class));
        Random random = new Random(11);
        int compared = 0;
        for (Path photo : photos()) {
            DecodedImage image;
            try {
                image = decoder.decode(Shared.read(photo), preprocessor);
            } catch (UnsupportedImageException e) {
                continue; // HEIC and AVIF
            }
            // Turned, the crop may round the other way and read a row or column the region decode left unset:
            // the same zeros for both, which compares the passes all the same.
            Orientation turned = ORIENTATIONS[random.nextInt(ORIENTATIONS.length)];
            for (DecodedImage variant : List.of(image, image.withOrientation(turned))) {
                assertSameBits(reference.tensor(variant), tensorOf(preprocessor, model.inputSize(), variant, 0),
                        photo.getFileName() + " " + variant.orientation());
            }
            compared++;
        }
        // 200 ImageNet photos, the 10 large ones, and the JPEG, PNG, GIF, BMP, TIFF and WebP variants.
        assertTrue(compared >= 400, compared + " photos compared");
    }

    @Test
    void randomSizesScalesAndDescriptorsGiveTheReferenceTensor() {
        Random random = new Random(5);
        for (int n = 0; n < 300; n++) {
            int crop = 1 + random.nextInt(random.nextBoolean() ? 8 : 260);
            int shorterSide = crop + random.nextInt(40);
            float[] mean = { random.nextFloat(), random.nextFloat(), random.nextFloat() };
            float[] std = { 0.1f + random.nextFloat(), 0.1f + random.nextFloat(), 0.1f + random.nextFloat() };
            ChannelOrder order = random.nextBoolean() ? ChannelOrder.RGB : ChannelOrder.BGR;
            TensorLayout layout = random.nextBoolean() ? TensorLayout.NCHW : TensorLayout.NHWC;
            Preprocessor preprocessor = new Preprocessor(shorterSide, crop, mean, std, order, layout);
            ReferencePreprocessor reference = new ReferencePreprocessor(shorterSide, crop, mean, std, order, layout);

            DecodedImage image = randomImage(random);
            String name = "case " + n + ": " + image.storedWidth() + "x" + image.storedHeight() + " "
                    + image.orientation() + ", " + shorterSide + "/" + crop + " " + order + " " + layout;
            assertSameBits(reference.tensor(image), tensorOf(preprocessor, crop, image, random.nextInt(5)), name);
        }
    }

    /** Grey or RGB noise of any aspect, held at full size or as a 1/2, 1/4 or 1/8 reduced-scale decode. */
    private static DecodedImage randomImage(Random random) {
        int width = size(random);
        int height = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : size(random);
        if (random.nextBoolean()) {
            int swap = width;
            width = height;
            height = swap;
        }
        int channels = random.nextBoolean() ? 1 : 3;
        byte[] samples = new byte[width * height * channels];
        random.nextBytes(samples);
        SampleRows rows = new SampleRows(width, height, channels, samples);
        Orientation orientation = ORIENTATIONS[random.nextInt(ORIENTATIONS.length)];
        int scale = 1 << random.nextInt(4);
        int storedWidth = width * scale - random.nextInt(scale);
        int storedHeight = height * scale - random.nextInt(scale);
        return new DecodedImage(storedWidth, storedHeight, ImageFormat.JPEG, orientation, () -> rows);
    }

    private static int size(Random random) {
        return 1 + random.nextInt(random.nextBoolean() ? 64 : 900);
    }

    /** The tensor written after {@code offset} other floats in a direct buffer in native order, as the session's. */
    private static float[] tensorOf(Preprocessor preprocessor, int crop, DecodedImage image, int offset) {
        int length = 3 * crop * crop;
        FloatBuffer buffer = ByteBuffer.allocateDirect((offset + length) * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.position(offset);
        preprocessor.writeTensor(image, buffer);
        assertEquals(offset + length, buffer.position());
        float[] tensor = new float[length];
        buffer.get(offset, tensor);
        return tensor;
    }

    private static void assertSameBits(float[] expected, float[] actual, String name) {
        assertEquals(expected.length, actual.length, name);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(name + ": tensor value " + i + " is " + actual[i] + ", the reference's " + expected[i]);
            }
        }
    }

    private static List<Path> photos() {
        return Stream.of("imagenet-sample", "formats", "large").flatMap(set -> list(Shared.images(set)))
                .filter(file -> !file.getFileName().toString().matches(".*\\.(csv|md)")).sorted().toList();
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] floats(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
