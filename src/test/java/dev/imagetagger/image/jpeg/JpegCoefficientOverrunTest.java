package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.imagetagger.image.Region;

/**
 * A corrupt block whose run of zeros carries a coefficient past the 64th (one of Pillow's test images has one) is
 * decoded as libjpeg decodes it (libjpeg-turbo warns and goes on): the value lands on the 64th coefficient and the
 * block ends.
 * Each case writes a grey picture twice, once as intended (the last coefficient at the 64th) and once with the run
 * before it too long, and checks that both decode to the same samples at every scale, whole and in a region, and
 * that the JDK's libjpeg-based reader gives those samples too. A refinement scan's new coefficient coded with a size
 * other than 1, which libjpeg also reads as 1 with a warning, is checked the same way.
 */
class JpegCoefficientOverrunTest {

    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final int BLOCKS = (WIDTH / 8) * (HEIGHT / 8);
    /** AC symbols of the test's table: end of block, ZRL, and every run with sizes 1 to 10. */
    private static final int[] AC_SYMBOLS = acSymbols();

    @Test
    void aSequentialBlockRunningPastItsLastCoefficientEndsThere() {
        int[][] blocks = picture(new Random(17), false);
        assertDecodesAsIntended(sequential(blocks, false), sequential(blocks, true));
    }

    @Test
    void aProgressiveFirstScanRunningPastItsBandEndsAtTheLastCoefficient() {
        int[][] blocks = picture(new Random(18), false);
        assertDecodesAsIntended(progressive(blocks, false), progressive(blocks, true));
    }

    @Test
    void aProgressiveRefinementRunningPastItsBandEndsAtTheLastCoefficient() {
        int[][] blocks = picture(new Random(19), true);
        assertDecodesAsIntended(refined(blocks, false, false), refined(blocks, true, false));
    }

    @Test
    void aRefinementCoefficientCodedWiderThanOneBitIsReadAsOneBit() {
        int[][] blocks = picture(new Random(20), true);
        assertDecodesAsIntended(refined(blocks, false, false), refined(blocks, false, true));
    }

    private static void assertDecodesAsIntended(byte[] intended, byte[] overrun) {
        assertFalse(Arrays.equals(intended, overrun));
        byte[] reference = imageIo(overrun);
        assertArrayEquals(imageIo(intended), reference, "libjpeg reads the overrun as intended");
        assertArrayEquals(reference, JpegDecoder.decode(overrun, 1, Region.ALL).samples(), "as libjpeg at scale 1");
        for (int scale : new int[] { 1, 2, 4, 8 }) {
            int width = Component.ceilDiv(WIDTH, scale);
            int height = Component.ceilDiv(HEIGHT, scale);
            Region part = new Region(width / 3, height / 4, width, height / 2 + 1);
            for (Region region : new Region[] { Region.ALL, part }) {
                assertArrayEquals(JpegDecoder.decode(intended, scale, region).samples(),
                        JpegDecoder.decode(overrun, scale, region).samples(), "1/" + scale + " " + region);
            }
        }
    }

    private static byte[] imageIo(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Quantised coefficients of each block in zig-zag order: a DC, even AC values at random positions up to the
     * 59th, one at the 59th, and the 64th: a value of 1 when {@code refined} (new in the refinement scan), else even.
     */
    private static int[][] picture(Random random, boolean refined) {
        int[][] blocks = new int[BLOCKS][64];
        for (int[] block : blocks) {
            block[0] = random.nextInt(121) - 60;
            for (int i = 0; i < 8; i++) {
                block[1 + random.nextInt(57)] = evenValue(random);
            }
            block[58] = evenValue(random);
            block[63] = refined ? (random.nextBoolean() ? 1 : -1) : evenValue(random);
        }
        return blocks;
    }

    private static int evenValue(Random random) {
        return (1 + random.nextInt(10)) * 2 * (random.nextBoolean() ? 1 : -1);
    }

    /** How far past the 64th coefficient the run before it goes in {@code block}'s overrun: 0 for none, up to 11. */
    private static int overrun(int block, int longestExtra) {
        return block % 2 == 0 ? 0 : Math.min(longestExtra, 1 + block % 11);
    }

    /** A baseline file: the overrun version codes the 64th coefficient with a longer run of zeros before it. */
    private static byte[] sequential(int[][] blocks, boolean overrun) {
        Writer out = new Writer(0xC0);
        out.scan(0, 63, 0, 0);
        int predictor = 0;
        for (int b = 0; b < BLOCKS; b++) {
            out.dc(blocks[b][0] - predictor);
            predictor = blocks[b][0];
            acBand(out, blocks[b], overrun ? overrun(b, 11) : 0);
        }
        return out.finish();
    }

    /** A progressive file of a DC scan and one AC scan (1 to 63) coding the same coefficients. */
    private static byte[] progressive(int[][] blocks, boolean overrun) {
        Writer out = dcScan(blocks);
        out.scan(1, 63, 0, 0);
        for (int b = 0; b < BLOCKS; b++) {
            acBand(out, blocks[b], overrun ? overrun(b, 11) : 0);
        }
        return out.finish();
    }

    /**
     * A progressive file whose first AC scan codes the even values at half (Al 1), and whose refinement scan adds
     * their last bit (0) and the 64th coefficient, new at 1; the overrun version codes its run too long, the wide one
     * its size as 3 (corrupt: a refinement's new coefficients have size 1) in every other block.
     */
    private static byte[] refined(int[][] blocks, boolean overrun, boolean wide) {
        Writer out = dcScan(blocks);
        out.scan(1, 63, 0, 1);
        for (int[] block : blocks) {
            int[] halved = new int[64];
            for (int k = 1; k < 63; k++) {
                halved[k] = block[k] / 2;
            }
            acBand(out, halved, 0);
        }
        out.scan(1, 63, 1, 0);
        for (int b = 0; b < BLOCKS; b++) {
            int[] block = blocks[b];
            int zeros = 0;
            for (int k = 1; k < 63; k++) {
                zeros += block[k] == 0 ? 1 : 0;
            }
            int run = zeros % 16;
            int k = 1;
            for (int zrl = 0; zrl < zeros / 16; zrl++) { // ZRL: 16 zeros passed, a correction bit per value passed
                out.symbol(0xF0);
                for (int passed = 0; passed < 16; k++) {
                    if (block[k] == 0) {
                        passed++;
                    } else {
                        out.bits(0, 1);
                    }
                }
            }
            out.symbol((run + (overrun ? overrun(b, 15 - run) : 0)) << 4 | (wide && b % 2 == 1 ? 3 : 1));
            out.bits(block[63] > 0 ? 1 : 0, 1);
            for (; k < 63; k++) {
                if (block[k] != 0) {
                    out.bits(0, 1);
                }
            }
        }
        return out.finish();
    }

    private static Writer dcScan(int[][] blocks) {
        Writer out = new Writer(0xC2);
        out.scan(0, 0, 0, 0);
        int predictor = 0;
        for (int[] block : blocks) {
            out.dc(block[0] - predictor);
            predictor = block[0];
        }
        return out;
    }

    /**
     * Codes {@code block}'s AC coefficients as runs and values, ZRL for 16 zeros, and end of block unless the last is
     * the 64th; the 64th is coded {@code extra} zeros too late.
     */
    private static void acBand(Writer out, int[] block, int extra) {
        int last = 0;
        for (int k = 1; k < 64; k++) {
            if (block[k] == 0) {
                continue;
            }
            int run = k - last - 1;
            while (run > 15) {
                out.symbol(0xF0);
                run -= 16;
            }
            out.value(run + (k == 63 ? extra : 0), block[k]);
            last = k;
        }
        if (last != 63) {
            out.symbol(0x00);
        }
    }

    private static int[] acSymbols() {
        int[] symbols = new int[2 + 16 * 10];
        symbols[1] = 0xF0;
        int i = 2;
        for (int run = 0; run < 16; run++) {
            for (int size = 1; size <= 10; size++) {
                symbols[i++] = run << 4 | size;
            }
        }
        return symbols;
    }

    /**
     * Writes a one-component (grey) JPEG: every quantiser 4, a DC table of 4-bit codes (symbol s is code s) and an
     * AC table of 8-bit codes ({@link #AC_SYMBOLS}[i] is code i).
     */
    private static final class Writer {

        private final ByteArrayOutputStream file = new ByteArrayOutputStream();
        private long buffer;
        private int count;
        private boolean inScan;

        Writer(int sof) {
            bytes(0xFF, 0xD8);
            bytes(0xFF, 0xDB, 0, 67, 0);
            for (int i = 0; i < 64; i++) {
                bytes(4);
            }
            bytes(0xFF, sof, 0, 11, 8, HEIGHT >> 8, HEIGHT & 0xFF, WIDTH >> 8, WIDTH & 0xFF, 1, 1, 0x11, 0);
            bytes(0xFF, 0xC4, 0, 3 + 16 + 12, 0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            for (int s = 0; s < 12; s++) {
                bytes(s);
            }
            bytes(0xFF, 0xC4, 0, 3 + 16 + AC_SYMBOLS.length, 0x10, 0, 0, 0, 0, 0, 0, 0, AC_SYMBOLS.length, 0, 0, 0,
                    0, 0, 0, 0, 0);
            for (int s : AC_SYMBOLS) {
                bytes(s);
            }
        }

        void scan(int spectralStart, int spectralEnd, int high, int low) {
            flush();
            bytes(0xFF, 0xDA, 0, 8, 1, 1, 0x00, spectralStart, spectralEnd, high << 4 | low);
            inScan = true;
        }

        void dc(int difference) {
            int size = size(difference);
            bits(size, 4);
            bits(valueBits(difference, size), size);
        }

        void value(int run, int value) {
            int size = size(value);
            symbol(run << 4 | size);
            bits(valueBits(value, size), size);
        }

        void symbol(int symbol) {
            for (int i = 0; i < AC_SYMBOLS.length; i++) {
                if (AC_SYMBOLS[i] == symbol) {
                    bits(i, 8);
                    return;
                }
            }
            throw new IllegalArgumentException("no code for " + symbol);
        }

        void bits(int value, int n) {
            buffer = buffer << n | value & ((1L << n) - 1);
            count += n;
            while (count >= 8) {
                int b = (int) (buffer >>> (count - 8)) & 0xFF;
                count -= 8;
                file.write(b);
                if (b == 0xFF) {
                    file.write(0); // byte stuffing
                }
            }
        }

        byte[] finish() {
            flush();
            bytes(0xFF, 0xD9);
            return file.toByteArray();
        }

        /** Pads the scan's last byte with 1 bits. */
        private void flush() {
            if (inScan && count > 0) {
                bits(0x7F, 8 - count);
            }
            inScan = false;
        }

        private void bytes(int... values) {
            for (int v : values) {
                file.write(v);
            }
        }

        private static int size(int value) {
            return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
        }

        private static int valueBits(int value, int size) {
            return value >= 0 ? value : value + (1 << size) - 1;
        }
    }
}
