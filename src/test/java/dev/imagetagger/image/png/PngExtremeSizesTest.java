package dev.imagetagger.image.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.PngEncoder;

/**
 * Images at the edges of the caller's 64,000,000-pixel limit, where the row arithmetic could overflow: every value is
 * checked, and the decoder's own allocations stay at two rows whatever the height.
 */
@LambdaSizedHeap
class PngExtremeSizesTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The inflate buffer, the palette or grey table and small objects. */
    private static final long FIXED_ALLOWANCE = 1 << 20;

    @Test
    void aOnePixelWideImageOfSixteenMillionRowsAllocatesTheSameAsAShortOne() {
        int height = 16_777_216;
        byte[] png = new PngEncoder(1, height, 8, PngHeader.GREY).encode((y, raw) -> raw[0] = (byte) tall(y));
        float[] rgb = new float[3];

        long start = System.nanoTime();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try (PngRows rows = PngDecoder.open(png)) {
            for (int y = 0; y < height; y++) {
                rows.read(y, rgb);
                float expected = tall(y);
                if (rgb[0] != expected || rgb[1] != expected || rgb[2] != expected) {
                    assertEquals(expected, rgb[0], "row " + y);
                }
            }
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("1 x %d grey PNG (%d bytes): read in %d ms, the decoder allocated %d bytes%n", height,
                png.length, (System.nanoTime() - start) / 1_000_000, allocated);
        assertTrue(allocated < FIXED_ALLOWANCE, "allocated " + allocated + " bytes for a 1-pixel-wide image");
    }

    private static int tall(int y) {
        return (y * 7 + (y >>> 12)) & 0xFF;
    }

    @Test
    void aSixteenMillionPixelWideImageAllocatesTwoRows() {
        int width = 16_000_000;
        int height = 4;
        PngEncoder encoder = new PngEncoder(width, height, 16, PngHeader.GREY);
        byte[] png = encoder.encode((y, raw) -> {
            for (int x = 0; x < width; x++) {
                int v = wide(x, y);
                raw[2 * x] = (byte) (v >>> 8);
                raw[2 * x + 1] = (byte) v;
            }
        });
        float[] rgb = new float[3 * width];

        long start = System.nanoTime();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try (PngRows rows = PngDecoder.open(png)) {
            for (int y = 0; y < height; y++) {
                rows.read(y, rgb);
                for (int x = 0; x < width; x++) {
                    float expected = wide(x, y) * (255f / 65535);
                    if (rgb[3 * x] != expected || rgb[3 * x + 1] != expected || rgb[3 * x + 2] != expected) {
                        assertEquals(expected, rgb[3 * x], "pixel " + x + " of row " + y);
                    }
                }
            }
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("%d x %d 16-bit grey PNG (%d bytes): read in %d ms, the decoder allocated %d bytes (a row"
                + " is %d)%n", width, height, png.length, (System.nanoTime() - start) / 1_000_000, allocated,
                encoder.rowBytes());
        assertTrue(allocated < 2 * encoder.rowBytes() + FIXED_ALLOWANCE, "allocated " + allocated + " bytes");
    }

    private static int wide(int x, int y) {
        // Runs of 32 equal pixels, so that every filter compresses it well.
        return ((x >>> 5) * 5 + y * 977) & 0xFFFF;
    }
}
