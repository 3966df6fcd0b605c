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
 * because the Pillow-like rounding between the passes decides some top-1 classes (see {@link Resampler}), and an
 * oriented photo must give the tensor of its pixels turned upright first, as the reference pipeline turns them.
 */
@LambdaSizedHeap
class PreprocessorReferenceTest {

    private static final Orientation[] ORIENTATIONS = Orientation.values();

    /**
     * Each shared JPEG is given each EXIF orientation in turn and decoded as the classifier decodes it (at a reduced
     * scale for the large photos, and only the region the crop reads); its tensor must be the reference's, which
     * turns the whole decode upright and then resizes and crops it. The large photos take two orientations each,
     * all eight between them. Other formats carry no orientation and are compared as they stand.
     */
    @Test
    void everySharedPhotoInEveryOrientationGivesTheTensorOfItsPixelsTurnedUprightFirst() {
        ModelConfig model = Configs.defaults(ModelConfig.class);
        Preprocessor preprocessor = Preprocessing.of(model);
        ReferencePreprocessor reference = new ReferencePreprocessor(model.resizeShorterSide(), model.inputSize(),
                floats(model.mean()), floats(model.std()), model.channelOrder(), model.layout());
        ImageDecoder decoder = new ImageDecoder(Configs.defaults(ImageLimits.class));
        DecodeTarget everyPixel = everyPixel(preprocessor);
        int photos = 0;
        int large = 0;
        long orientedJpegs = 0;
        long readPixels = 0;
        long decodedPixels = 0;
        for (Path photo : photos()) {
            byte[] bytes = Shared.read(photo);
            DecodedImage whole;
            try {
                whole = decoder.decode(bytes, everyPixel);
            } catch (UnsupportedImageException e) {
                continue; // HEIC and AVIF
            }
            String name = photo.getParent().getFileName() + "/" + photo.getFileName();
            if (whole.format() != ImageFormat.JPEG) {
                assertSameBits(reference.tensor(whole), tensorOf(preprocessor, model.inputSize(),
                        decoder.decode(bytes, preprocessor), 0), name);
                photos++;
                continue;
            }
            boolean isLarge = photo.getParent().getFileName().toString().equals("large");
            List<Orientation> orientations = isLarge
                    ? List.of(ORIENTATIONS[large % 8], ORIENTATIONS[(large + 3) % 8])
                    : List.of(ORIENTATIONS);
            large += isLarge ? 2 : 0;
            for (Orientation orientation : orientations) {
                DecodedImage oriented = decoder.decode(withExifOrientation(bytes, orientation), preprocessor);
                assertEquals(orientation, oriented.orientation(), name);
                assertSameBits(reference.tensor(whole.withOrientation(orientation)),
                        tensorOf(preprocessor, model.inputSize(), oriented, 0), name + " " + orientation);
                try (PixelRows rows = whole.rows().get()) {
                    Region read = preprocessor.readRegion(whole.storedWidth(), whole.storedHeight(), whole.scale(),
                            orientation);
                    readPixels += (long) (read.right() - read.left()) * (read.bottom() - read.top());
                    decodedPixels += (long) rows.width() * rows.height();
                }
                orientedJpegs++;
            }
            photos++;
        }
        System.out.printf("Oriented: %d photos, %d oriented JPEG decodes; the crop reads %.1f %% of the decoded"
                + " pixels%n", photos, orientedJpegs, 100.0 * readPixels / decodedPixels);
        // 200 ImageNet photos, the 10 large ones, the format variants and the structure set.
        assertTrue(photos >= 450, photos + " photos compared");
        assertTrue(large >= 16, "every orientation at a reduced scale");
        assertTrue(readPixels < decodedPixels * 0.8, "JPEGs are decoded to the region the crop reads");
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
        return new DecodedImage(storedWidth, storedHeight, scale, ImageFormat.JPEG, orientation, () -> rows);
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

    /** The preprocessing's resize, with every decoded pixel read: the reference's input. */
    private static DecodeTarget everyPixel(Preprocessor preprocessor) {
        return new DecodeTarget() {
            @Override
            public int resizeShorterSide() {
                return preprocessor.resizeShorterSide();
            }

            @Override
            public Region readRegion(int storedWidth, int storedHeight, int scale, Orientation orientation) {
                return Region.ALL;
            }
        };
    }

    /**
     * The JPEG with an EXIF segment (APP1) that gives {@code orientation} right after its start: the first EXIF
     * segment is the one read, so an orientation the file already carries no longer counts.
     */
    static byte[] withExifOrientation(byte[] jpeg, Orientation orientation) {
        byte[] exif = {
                (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, // APP1, its length, the EXIF header
                'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
                0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) (orientation.ordinal() + 1), 0, 0, // Orientation, SHORT
                0, 0, 0, 0 }; // no next IFD
        byte[] oriented = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, oriented, 0, 2);
        System.arraycopy(exif, 0, oriented, 2, exif.length);
        System.arraycopy(jpeg, 2, oriented, 2 + exif.length, jpeg.length - 2);
        return oriented;
    }

    private static List<Path> photos() {
        return Stream.of("imagenet-sample", "formats", "large", "jpeg-structures").flatMap(set -> list(Shared.images(set)))
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
