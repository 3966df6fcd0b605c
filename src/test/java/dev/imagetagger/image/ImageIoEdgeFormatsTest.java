package dev.imagetagger.image;

import static dev.imagetagger.fixtures.TiffWriter.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagetagger.fixtures.Configs;

/**
 * Encodings at the edge of what ImageIO reads, as found among Pillow's test images: a BigTIFF is decoded; TIFFs
 * compressed with LZMA, WebP or Zstandard and OS/2 version 2 BMPs, which the readers do not handle, are refused as
 * undecodable (the README's format list says so).
 */
class ImageIoEdgeFormatsTest {

    private static final int SIDE = 40;
    private static final ImageDecoder DECODER = new ImageDecoder(Configs.defaults(ImageLimits.class));
    private static final DecodeTarget EVERY_PIXEL = new DecodeTarget() {
        @Override
        public int resizeShorterSide() {
            return SIDE;
        }

        @Override
        public Region readRegion(int storedWidth, int storedHeight, int scale, Orientation orientation) {
            return Region.ALL;
        }
    };

    @Test
    void aBigTiffIsDecodedWithItsPixels() throws Exception {
        byte[] tiff = bigTiff(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.sniff(tiff));
        assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.sniff(bigTiff(ByteOrder.BIG_ENDIAN)));

        DecodedImage image = DECODER.decode(tiff, EVERY_PIXEL);
        assertEquals(SIDE, image.width());
        assertEquals(SIDE, image.height());
        try (PixelRows rows = image.rows().get()) {
            float[] rgb = new float[3 * SIDE];
            for (int y = 0; y < SIDE; y++) {
                rows.read(y, rgb);
                for (int x = 0; x < SIDE; x++) {
                    assertEquals(red(x), rgb[3 * x], "red at " + x + "," + y);
                    assertEquals(green(y), rgb[3 * x + 1], "green at " + x + "," + y);
                    assertEquals(128, rgb[3 * x + 2], "blue at " + x + "," + y);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 34925, 50001, 50000 }) // LZMA, WebP, Zstandard
    void aTiffCompressedInAWayImageIoLacksIsRefusedAsUndecodable(int compression) {
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> DECODER.decode(classicTiff(compression), EVERY_PIXEL));
        assertTrue(e.getMessage().contains("Compression value: " + compression), e.getMessage());
    }

    @Test
    void anOs2Version2BmpIsRefusedAsUndecodable() {
        ByteBuffer bmp = ByteBuffer.allocate(14 + 64 + 3 * SIDE * SIDE).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(bmp.capacity()).putInt(0).putInt(14 + 64);
        bmp.putInt(64).putInt(SIDE).putInt(SIDE).putShort((short) 1).putShort((short) 24); // BITMAPCOREHEADER2
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> DECODER.decode(bmp.array(), EVERY_PIXEL));
        assertTrue(e.getMessage().contains("BMP version"), e.getMessage());
    }

    private static int red(int x) {
        return x * 6;
    }

    private static int green(int y) {
        return 255 - y * 6;
    }

    private static byte[] pixels() {
        byte[] rgb = new byte[3 * SIDE * SIDE];
        for (int y = 0, i = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                rgb[i++] = (byte) red(x);
                rgb[i++] = (byte) green(y);
                rgb[i++] = (byte) 128;
            }
        }
        return rgb;
    }

    /** An uncompressed RGB BigTIFF: 16-byte header, 8-byte offsets and counts, 20-byte directory entries. */
    private static byte[] bigTiff(ByteOrder order) {
        byte[] rgb = pixels();
        int entries = 8;
        int directory = 16;
        int data = directory + 8 + 20 * entries + 8;
        ByteBuffer b = ByteBuffer.allocate(data + rgb.length).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M').put(b.get(0));
        b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(directory);
        b.putLong(entries);
        bigEntry(b, 256, SIDE);
        bigEntry(b, 257, SIDE);
        bigEntry(b, 258, 8, 8, 8);
        bigEntry(b, 259, 1);
        bigEntry(b, 262, 2);
        b.putShort((short) 273).putShort((short) 16).putLong(1).putLong(data); // LONG8 strip offset
        bigEntry(b, 277, 3);
        b.putShort((short) 279).putShort((short) 16).putLong(1).putLong(rgb.length);
        b.putLong(0);
        b.put(rgb);
        return b.array();
    }

    /** A directory entry of SHORT values, which fit in its 8 value bytes. */
    private static void bigEntry(ByteBuffer b, int tag, int... shorts) {
        b.putShort((short) tag).putShort((short) 3).putLong(shorts.length);
        for (int i = 0; i < 4; i++) {
            b.putShort((short) (i < shorts.length ? shorts[i] : 0));
        }
    }

    /** A little-endian RGB TIFF whose compression tag is {@code compression}; its strip holds the raw pixels. */
    private static byte[] classicTiff(int compression) {
        byte[] rgb = pixels();
        int entries = 8;
        int bitsPerSample = 8 + 2 + 12 * entries + 4;
        int data = bitsPerSample + 6;
        ByteBuffer b = ByteBuffer.allocate(data + rgb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, SIDE);
        entry(b, 257, 3, 1, SIDE);
        entry(b, 258, 3, 3, bitsPerSample);
        entry(b, 259, 3, 1, compression);
        entry(b, 262, 3, 1, 2);
        entry(b, 273, 4, 1, data);
        entry(b, 277, 3, 1, 3);
        entry(b, 279, 4, 1, rgb.length);
        b.putInt(0);
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.put(rgb);
        return b.array();
    }
}
