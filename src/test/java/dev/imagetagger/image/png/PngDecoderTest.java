package dev.imagetagger.image.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagetagger.fixtures.PngEncoder;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.CorruptImageException;
import dev.imagetagger.image.PixelRows;
import dev.imagetagger.image.imageio.BufferedImageRows;

/**
 * The streaming decoder against the path it replaces, {@code PixelRows} over {@code ImageIO.read}, which is trusted:
 * every shared PNG and generated images of every colour type, bit depth and filter give the same rows, exactly.
 */
class PngDecoderTest {

    /** Valid bit depths per colour type. */
    static final int[][] DEPTHS = { { 0, 1 }, { 0, 2 }, { 0, 4 }, { 0, 8 }, { 0, 16 }, { 2, 8 }, { 2, 16 }, { 3, 1 },
            { 3, 2 }, { 3, 4 }, { 3, 8 }, { 4, 8 }, { 4, 16 }, { 6, 8 }, { 6, 16 } };

    static Stream<Path> sharedPngs() throws IOException {
        try (Stream<Path> files = Files.list(Shared.images("formats"))) {
            List<Path> pngs = new ArrayList<>(files.filter(f -> f.toString().endsWith(".png")).sorted().toList());
            pngs.add(Shared.images("bad").resolve("png-bad-crc.png"));
            return pngs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedPngs")
    void sharedPngsGiveTheRowsOfTheImageIoPath(Path file) {
        byte[] png = Shared.read(file);
        assertSameRowsAsImageIo(png, file.getFileName().toString());
    }

    static Stream<Arguments> everyTypeDepthWidthAndFilter() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] typeAndDepth : DEPTHS) {
            for (int width : new int[] { 1, 3, 7, 16, 33 }) {
                for (int filter = PngEncoder.CYCLE_FILTERS; filter <= 4; filter++) {
                    cases.add(Arguments.of(typeAndDepth[0], typeAndDepth[1], width, filter));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits, {2} wide, filter {3}")
    @MethodSource("everyTypeDepthWidthAndFilter")
    void generatedImagesGiveTheRowsOfTheImageIoPath(int colorType, int bitDepth, int width, int filter) {
        Random random = new Random(31L * colorType + 17L * bitDepth + width * 5L + filter);
        PngEncoder encoder = new PngEncoder(width, 11, bitDepth, colorType).filter(filter);
        if (colorType == PngHeader.PALETTE) {
            encoder.chunk("PLTE", randomBytes(random, 3 << bitDepth));
        }
        byte[] png = encoder.encode((y, raw) -> random.nextBytes(raw));
        assertSameRowsAsImageIo(png, "generated");
    }

    @Test
    void ancillaryChunksTransparencyAndTinyIdatChunksChangeNothing() {
        Random random = new Random(7);
        for (int[] typeAndDepth : DEPTHS) {
            int colorType = typeAndDepth[0];
            int bitDepth = typeAndDepth[1];
            PngEncoder encoder = new PngEncoder(13, 9, bitDepth, colorType).idatChunkBytes(1)
                    .chunk("gAMA", new byte[] { 0, 0, (byte) 0xB1, (byte) 0x8F })
                    .chunk("tEXt", "Comment\0made by a test".getBytes(StandardCharsets.ISO_8859_1));
            if (colorType == PngHeader.PALETTE) {
                encoder.chunk("PLTE", randomBytes(random, 3 << bitDepth)).chunk("tRNS", randomBytes(random, 3));
            } else if (colorType == PngHeader.GREY) {
                encoder.chunk("tRNS", new byte[] { 0, 1 });
            } else if (colorType == PngHeader.RGB) {
                encoder.chunk("tRNS", new byte[] { 0, 1, 0, 2, 0, 3 });
            }
            byte[] png = encoder.encode((y, raw) -> random.nextBytes(raw));
            assertSameRowsAsImageIo(png, "colour type " + colorType + ", " + bitDepth + " bits");
        }
    }

    @Test
    void paletteIndicesBeyondAShortPaletteAreBlackAsInImageIo() {
        Random random = new Random(11);
        byte[] png = new PngEncoder(40, 6, 8, PngHeader.PALETTE).chunk("PLTE", randomBytes(random, 3 * 100))
                .encode((y, raw) -> {
                    for (int x = 0; x < raw.length; x++) {
                        raw[x] = (byte) (6 * x + y);
                    }
                });

        assertSameRowsAsImageIo(png, "100-entry palette");
        float[] row = new float[3 * 40];
        PngDecoder.open(png).read(0, row);
        // Pixel 20 has index 120.
        assertArrayEquals(new float[] { 0, 0, 0 }, Arrays.copyOfRange(row, 60, 63));
    }

    @Test
    void oddPalettesAreReadAsImageIoReadsThem() {
        Random random = new Random(17);
        PngEncoder.Rows rows = (y, raw) -> new Random(y).nextBytes(raw);
        byte[] plte = randomBytes(random, 768);
        // ImageIO rejects a second PLTE chunk (it skips the data but not the CRC); the first one counts here.
        byte[] twoPalettes = new PngEncoder(20, 5, 8, PngHeader.PALETTE).chunk("PLTE", plte)
                .chunk("PLTE", randomBytes(random, 768)).encode(rows);
        byte[] onePalette = new PngEncoder(20, 5, 8, PngHeader.PALETTE).chunk("PLTE", plte).encode(rows);
        assertSameRows(imageIoRows(onePalette), PngDecoder.open(twoPalettes), "two PLTE chunks");
        assertSameRowsAsImageIo(new PngEncoder(20, 5, 8, PngHeader.PALETTE).chunk("PLTE", randomBytes(random, 62))
                .encode(rows), "PLTE length not a multiple of 3");
        assertSameRowsAsImageIo(new PngEncoder(20, 5, 4, PngHeader.PALETTE).chunk("PLTE", randomBytes(random, 90))
                .encode(rows), "PLTE with more entries than 4 bits index");
        assertSameRowsAsImageIo(new PngEncoder(20, 5, 8, PngHeader.RGB).chunk("PLTE", randomBytes(random, 30))
                .encode(rows), "suggested palette of an RGB image");
    }

    @Test
    void imageIoWrittenPngsWithItsOwnFilterChoiceMatch() throws IOException {
        Random random = new Random(3);
        for (int type : new int[] { BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_BINARY }) {
            BufferedImage image = new BufferedImage(57, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 57; x++) {
                    // Smooth with noise, so the writer's adaptive filter choice varies.
                    image.setRGB(x, y, (x * 4 + random.nextInt(9)) << 16 | (y * 10) << 8 | random.nextInt(256)
                            | 0x80000000);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            assertSameRowsAsImageIo(png.toByteArray(), "ImageIO-written type " + type);
        }
    }

    @Test
    void sixteenBitColourIsRoundedAsTheColourModelRoundsIt() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                ComponentColorModel.OPAQUE, DataBuffer.TYPE_USHORT);
        for (int v = 0; v <= 0xFFFF; v++) {
            int expected = model.getRed(new short[] { (short) v, 0, 0 });
            assertEquals(expected, PixelUnpacker.to8Bits(v), "16-bit sample " + v);
        }
    }

    @Test
    void rowsCanBeSkippedButNotReadBackwards() {
        Random random = new Random(5);
        byte[] png = new PngEncoder(19, 30, 8, PngHeader.RGB).encode((y, raw) -> random.nextBytes(raw));
        PixelRows reference = imageIoRows(png);
        float[] expected = new float[3 * 19];
        float[] actual = new float[3 * 19];
        PngRows rows = PngDecoder.open(png);
        for (int y : new int[] { 0, 4, 4, 5, 17, 29, 29 }) {
            reference.read(y, expected);
            rows.read(y, actual);
            assertArrayEquals(expected, actual, "row " + y);
        }
        PngRows again = PngDecoder.open(png);
        again.read(6, actual);
        assertThrows(IllegalArgumentException.class, () -> again.read(5, actual));
        assertThrows(IndexOutOfBoundsException.class, () -> again.read(30, actual));
        assertThrows(IllegalArgumentException.class, () -> again.read(7, new float[3 * 19 - 1]));
        again.close();
        assertThrows(IllegalStateException.class, () -> again.read(7, actual));
    }

    @Test
    void headerOfTheBombIsReadWithoutTouchingItsPixels() {
        PngHeader header = PngDecoder.readHeader(Shared.image("bad/png-bomb-40000x40000.png"));

        assertEquals(new PngHeader(40000, 40000, 1, PngHeader.PALETTE, false, true), header);
    }

    @Test
    void aBombCostsOnlyTheRowsRead() {
        PngRows rows = PngDecoder.open(Shared.image("bad/png-bomb-40000x40000.png"));
        float[] row = new float[3 * 40000];
        float[] first = null;
        for (int y = 0; y < 200; y++) {
            rows.read(y, row);
            first = first == null ? row.clone() : first;
            assertArrayEquals(first, row, "row " + y + " has the one colour of row 0");
        }
        rows.close();
    }

    @Test
    void htmlNamedPngIsCorrupt() {
        byte[] html = Shared.image("bad/html.png");

        assertThrows(CorruptImageException.class, () -> PngDecoder.readHeader(html));
        assertThrows(CorruptImageException.class, () -> PngDecoder.open(html));
    }

    @Test
    void interlacedPngsAreLeftToImageIo() throws IOException {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }

        PngHeader header = PngDecoder.readHeader(png.toByteArray());
        assertTrue(header.interlaced());
        assertFalse(header.supported());
        assertThrows(UnsupportedPngException.class, () -> PngDecoder.open(png.toByteArray()));
    }

    @Test
    void invalidHeadersAreCorrupt() {
        byte[] valid = new PngEncoder(4, 4, 8, PngHeader.GREY).encode((y, raw) -> { });
        assertCorruptHeader(valid, 19, 0, "zero width");
        assertCorruptHeader(valid, 23, 0, "zero height");
        assertCorruptHeader(valid, 16, 0x80, "width beyond 2^31 - 1");
        assertCorruptHeader(valid, 24, 3, "grey of 3 bits");
        assertCorruptHeader(valid, 25, 1, "colour type 1");
        assertCorruptHeader(valid, 26, 1, "compression method 1");
        assertCorruptHeader(valid, 27, 1, "filter method 1");
        assertCorruptHeader(valid, 28, 2, "interlace method 2");
        assertCorruptHeader(valid, 11, 14, "IHDR length 14");
        assertCorruptHeader(valid, 0, 0x88, "signature");
        assertThrows(CorruptImageException.class, () -> PngDecoder.readHeader(Arrays.copyOf(valid, 28)));
        assertThrows(CorruptImageException.class, () -> PngDecoder.readHeader(new byte[0]));
        for (int[] typeAndDepth : new int[][] { { 2, 4 }, { 3, 16 }, { 4, 1 }, { 6, 2 } }) {
            byte[] png = new PngEncoder(4, 4, typeAndDepth[1], typeAndDepth[0]).encode((y, raw) -> { });
            assertThrows(CorruptImageException.class, () -> PngDecoder.readHeader(png), Arrays.toString(typeAndDepth));
        }
    }

    private static void assertCorruptHeader(byte[] valid, int at, int value, String what) {
        byte[] png = valid.clone();
        png[at] = (byte) value;
        assertThrows(CorruptImageException.class, () -> PngDecoder.readHeader(png), what);
        assertThrows(CorruptImageException.class, () -> PngDecoder.open(png), what);
    }

    @Test
    void brokenImageDataIsCorrupt() {
        Random random = new Random(9);
        PngEncoder encoder = new PngEncoder(30, 20, 8, PngHeader.RGB).filter(2).idatChunkBytes(200);
        byte[] valid = encoder.encode((y, raw) -> random.nextBytes(raw));
        int firstIdat = indexOf(valid, "IDAT") - 4;

        assertCorrupt(Arrays.copyOf(valid, valid.length / 2), "cut inside an IDAT chunk");
        assertCorrupt(Arrays.copyOf(valid, firstIdat), "no IDAT chunk");
        assertCorrupt(withoutChunk(valid, "IDAT", 3), "an IDAT chunk missing");
        assertCorrupt(reencodedWithFilterByte(30 * 3, 20, 5), "filter type 5");
        assertCorrupt(flipped(valid, firstIdat + 8), "zlib header");
        assertCorrupt(fewerRowsThanDeclared(), "zlib stream ends after half the rows");
        byte[] palette = new PngEncoder(8, 8, 8, PngHeader.PALETTE).encode((y, raw) -> { });
        assertCorrupt(palette, "palette image without PLTE");
        byte[] hugeLength = valid.clone();
        PngEncoder.putInt(hugeLength, firstIdat, 0xFFFFFFF0);
        assertCorrupt(hugeLength, "IDAT length beyond the file");
    }

    @Test
    void nothingIsReadAfterAFailure() {
        PngRows rows = PngDecoder.open(fewerRowsThanDeclared());
        float[] row = new float[30];
        rows.read(4, row);
        assertThrows(CorruptImageException.class, () -> rows.read(5, row));
        assertThrows(IllegalStateException.class, () -> rows.read(5, row));
    }

    @Test
    void aMissingCrcAfterTheLastIdatIsTolerated() {
        Random random = new Random(13);
        byte[] valid = new PngEncoder(30, 20, 8, PngHeader.RGB).encode((y, raw) -> random.nextBytes(raw));
        int iend = indexOf(valid, "IEND") - 4;
        byte[] cut = Arrays.copyOf(valid, iend - 4);

        float[] expected = new float[90];
        float[] actual = new float[90];
        PixelRows reference = imageIoRows(valid);
        PngRows rows = PngDecoder.open(cut);
        for (int y = 0; y < 20; y++) {
            reference.read(y, expected);
            rows.read(y, actual);
            assertArrayEquals(expected, actual);
        }
    }

    private static byte[] withoutChunk(byte[] png, String type, int occurrence) {
        int at = 8;
        for (int seen = 0; at < png.length; ) {
            int length = ChunkReader.int32(png, at);
            if (new String(png, at + 4, 4, StandardCharsets.US_ASCII).equals(type)
                    && seen++ == occurrence) {
                byte[] cut = new byte[png.length - 12 - length];
                System.arraycopy(png, 0, cut, 0, at);
                System.arraycopy(png, at + 12 + length, cut, at, png.length - at - 12 - length);
                return cut;
            }
            at += 12 + length;
        }
        throw new AssertionError("no " + type + " number " + occurrence);
    }

    private static byte[] flipped(byte[] png, int at) {
        byte[] copy = png.clone();
        copy[at] ^= (byte) 0xFF;
        return copy;
    }

    private static void assertCorrupt(byte[] png, String what) {
        assertThrows(CorruptImageException.class, () -> {
            try (PngRows rows = PngDecoder.open(png)) {
                float[] row = new float[3 * rows.width()];
                for (int y = 0; y < rows.height(); y++) {
                    rows.read(y, row);
                }
            }
        }, what);
    }

    /** 8-bit grey rows whose filter bytes are all {@code filter}, compressed by hand. */
    private static byte[] reencodedWithFilterByte(int width, int height, int filter) {
        byte[] raw = new byte[(1 + width) * height];
        for (int y = 0; y < height; y++) {
            raw[y * (1 + width)] = (byte) filter;
        }
        return handMade(width, height, raw);
    }

    private static byte[] fewerRowsThanDeclared() {
        byte[] raw = new byte[(1 + 10) * 5];
        return handMade(10, 10, raw);
    }

    /** An 8-bit grey PNG of {@code width x height} whose IDAT holds {@code raw} compressed as it is. */
    private static byte[] handMade(int width, int height, byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] compressed = new byte[raw.length + 100];
        int length = deflater.deflate(compressed);
        deflater.end();
        byte[] ihdr = new byte[13];
        PngEncoder.putInt(ihdr, 0, width);
        PngEncoder.putInt(ihdr, 4, height);
        ihdr[8] = 8;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        png.writeBytes(PngEncoder.chunkBytes("IHDR", ihdr));
        png.writeBytes(PngEncoder.chunkBytes("IDAT", Arrays.copyOf(compressed, length)));
        png.writeBytes(PngEncoder.chunkBytes("IEND", new byte[0]));
        return png.toByteArray();
    }

    static void assertSameRowsAsImageIo(byte[] png, String what) {
        assertSameRows(imageIoRows(png), PngDecoder.open(png), what);
    }

    private static void assertSameRows(PixelRows reference, PngRows opened, String what) {
        try (PngRows rows = opened) {
            assertEquals(reference.width(), rows.width(), what + ": width");
            assertEquals(reference.height(), rows.height(), what + ": height");
            float[] expected = new float[3 * rows.width()];
            float[] actual = new float[3 * rows.width()];
            for (int y = 0; y < rows.height(); y++) {
                reference.read(y, expected);
                rows.read(y, actual);
                assertArrayEquals(expected, actual, what + ": row " + y);
            }
        }
    }

    static PixelRows imageIoRows(byte[] png) {
        try {
            return BufferedImageRows.of(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static int indexOf(byte[] png, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 8; i + 4 <= png.length; i++) {
            if (png[i] == t[0] && png[i + 1] == t[1] && png[i + 2] == t[2] && png[i + 3] == t[3]) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }
}
