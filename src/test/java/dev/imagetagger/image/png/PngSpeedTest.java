package dev.imagetagger.image.png;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.PngEncoder;
import dev.imagetagger.image.PixelRows;
import dev.imagetagger.image.imageio.BufferedImageRows;

/**
 * Prints, without asserting, what reading every row of a 62 MP 16-bit RGBA PNG costs with the streaming decoder and
 * with the path it replaces ({@code ImageIO.read}, then {@code PixelRows}). ImageIO needs the whole raster, more than
 * the test heap holds; run with a larger heap (e.g. {@code _JAVA_OPTIONS=-Xmx3g}) to measure it too.
 */
@LambdaSizedHeap
@Tag("speed") // not in verify: the benchmark profile runs it (README, "Speed, memory and cost")
class PngSpeedTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WIDTH = 9000;
    private static final int HEIGHT = 6900;
    /** What encoders pick for smooth images, and the dearest filter to undo. */
    private static final int PAETH = 4;

    @Test
    void printsTimeAndAllocationsAgainstImageIo() throws IOException {
        byte[] png = new PngEncoder(WIDTH, HEIGHT, 16, PngHeader.RGBA).filter(PAETH).level(Deflater.BEST_SPEED)
                .encode(PngSpeedTest::fill);
        System.out.printf("%d x %d 16-bit RGBA PNG: %d bytes%n", WIDTH, HEIGHT, png.length);
        float[] rgb = new float[3 * WIDTH];

        Measure streaming = new Measure();
        try (PngRows rows = PngDecoder.open(png)) {
            for (int y = 0; y < HEIGHT; y++) {
                rows.read(y, rgb);
            }
        }
        System.out.println("  streaming decoder, every row: " + streaming);

        long raster = 8L * WIDTH * HEIGHT;
        if (Runtime.getRuntime().maxMemory() < 2 * raster) {
            System.out.printf("  ImageIO: not measured, its %d-byte raster needs a heap above this test's %d bytes%n",
                    raster, Runtime.getRuntime().maxMemory());
            return;
        }
        Measure imageIo = new Measure();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        System.out.println("  ImageIO.read: " + imageIo);
        PixelRows rows = BufferedImageRows.of(image);
        for (int y = 0; y < HEIGHT; y++) {
            rows.read(y, rgb);
        }
        System.out.println("  ImageIO.read, then PixelRows, every row: " + imageIo);
    }

    /** Wall and CPU time (the machine may be shared) and bytes allocated by this thread since it was made. */
    private static final class Measure {
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();
        private final long allocated = THREADS.getCurrentThreadAllocatedBytes();

        @Override
        public String toString() {
            return String.format("%d ms (%d ms CPU), %d bytes allocated", (System.nanoTime() - wall) / 1_000_000,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000,
                    THREADS.getCurrentThreadAllocatedBytes() - allocated);
        }
    }

    /** Smooth gradients with a little texture: it compresses to about a megabyte, like the 0.5 MB case seen. */
    private static void fill(int y, byte[] raw) {
        for (int x = 0, at = 0; x < WIDTH; x++, at += 8) {
            put(raw, at, x * 7 + y * 3 + ((x >>> 6) * (y >>> 6) & 3));
            put(raw, at + 2, y * 9 - x * 2);
            put(raw, at + 4, (x + y) * 5);
            put(raw, at + 6, 65535 - y);
        }
    }

    private static void put(byte[] raw, int at, int v) {
        raw[at] = (byte) (v >>> 8);
        raw[at + 1] = (byte) v;
    }
}
