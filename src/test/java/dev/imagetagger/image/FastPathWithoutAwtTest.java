package dev.imagetagger.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Shared;

/**
 * JPEG and PNG reach the model without loading a class of AWT or ImageIO, so the native executable needs none of
 * AWT's native libraries for them (and a JVM pays no ImageIO set-up). Checked in a fresh JVM, whose class-loading log
 * is the evidence.
 */
class FastPathWithoutAwtTest {

    @Test
    void jpegAndPngLoadNoAwtOrImageIoClass() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-Xlog:class+load=info", "-Dshared.dir=" + Shared.dir(),
                "-cp", System.getProperty("java.class.path"), FastPathProbe.class.getName())
                .redirectErrorStream(true).start();
        String log = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");

        assertEquals(0, probe.exitValue(), log.lines().filter(l -> !l.contains("class,load")).toList().toString());
        assertEquals(3, log.lines().filter(l -> l.startsWith("probe ")).count(), "every file reached the crop");
        List<String> awt = log.lines().filter(l -> l.matches(".*\\] (java\\.awt|javax\\.imageio|sun\\.awt)\\..*"))
                .toList();
        assertTrue(awt.isEmpty(), "AWT or ImageIO classes loaded: " + awt);
        assertTrue(log.contains("dev.imagetagger.image.jpeg.JpegDecoder"), "the log lists loaded classes");
    }
}
