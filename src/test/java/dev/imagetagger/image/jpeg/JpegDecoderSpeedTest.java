package dev.imagetagger.image.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LambdaSizedHeap;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.Region;

/**
 * Prints (does not assert: shared build machines are too noisy for a time bound) what shrink on load buys on the
 * 48 MP photo: this decoder at 1/8 against the JDK decoding every pixel. The thread's CPU time is printed too, as it
 * is less disturbed by other processes than the wall time.
 */
@LambdaSizedHeap
@Tag("speed") // not in verify: the benchmark profile runs it (README, "Speed, memory and cost")
class JpegDecoderSpeedTest {

    @Test
    void printsTheDecodeTimeOfA48MegapixelPhoto() throws IOException {
        byte[] bytes = Shared.image("large/Path-8000x6000-q92.jpg");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] scaled = new double[9];
        double[] cpu = new double[scaled.length];
        for (int i = 0; i < scaled.length + 6; i++) { // 6 warm-up runs
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            ScaledImage image = JpegDecoder.decode(bytes, 8, Region.ALL);
            assertEquals(1000, image.width());
            assertEquals(750, image.height());
            if (i >= 6) {
                scaled[i - 6] = (System.nanoTime() - started) / 1e6;
                cpu[i - 6] = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
            }
        }
        double[] full = new double[2];
        for (int i = 0; i < full.length; i++) {
            long started = System.nanoTime();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(8000, image.getWidth());
            full[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(scaled);
        Arrays.sort(cpu);
        System.out.printf("Path-8000x6000-q92.jpg: JpegDecoder at 1/8 median %.1f ms (min %.1f, median CPU time %.1f),"
                + " ImageIO full decode %.0f ms (best of %d)%n", scaled[scaled.length / 2], scaled[0],
                cpu[cpu.length / 2], Math.min(full[0], full[1]), full.length);
    }
}
