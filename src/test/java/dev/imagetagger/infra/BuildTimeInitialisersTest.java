package dev.imagetagger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;

import org.junit.jupiter.api.Test;

import dev.imagetagger.infra.BuildTimeInitialisers.Finding;

/**
 * The checker of static initialisers, on classes compiled here for the purpose (the nested classes below): what each
 * reaches directly or through application methods, and what it must leave alone.
 */
class BuildTimeInitialisersTest {

    private static final Path TEST_CLASSES = Path.of(System.getProperty("basedir", "."), "target", "test-classes");
    private static final String FIXTURES = BuildTimeInitialisersTest.class.getName() + "$";

    /** The static initialiser of ImageIoDecoder's former Registry class, whose registrations the native image lost. */
    static final class RegistersImageIoPlugins {
        static {
            ImageIO.setUseCache(false);
            IIORegistry registry = IIORegistry.getDefaultInstance();
            registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
            registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi());
            registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());
        }
    }

    static final class StartsAThread {
        static final Thread WORKER = new Thread(() -> {
        });

        static {
            WORKER.start();
        }
    }

    static final class ReadsTheClockThroughAHelper {
        static final long STARTED = Helpers.startedAt();
    }

    static final class ReadsTheEnvironmentTwoCallsDeep {
        static final String REGION = Helpers.regionOrDefault();
    }

    static final class MakesAPool {
        static final ExecutorService POOL = Executors.newSingleThreadExecutor();
    }

    /** Only builds a lambda that would start a thread: nothing runs until it is called. */
    static final class KeepsALambda {
        static final Runnable LATER = () -> new Thread(() -> {
        }).start();
    }

    static final class Harmless {
        static final Map<String, Integer> SIZES = Map.of("small", 1, "large", 2);
        static final String NAME = Thread.currentThread().getName().isEmpty() ? "none" : "some";
        static final boolean NATIVE_IMAGE = System.getProperty("org.graalvm.nativeimage.imagecode") != null;
    }

    static final class Helpers {
        static long startedAt() {
            return System.nanoTime();
        }

        static String regionOrDefault() {
            return region() == null ? "us-east-1" : region();
        }

        static String region() {
            return System.getenv("AWS_REGION");
        }
    }

    @Test
    void eachInitialiserIsFoundWithWhatItReachesAndHow() {
        Map<String, List<String>> found = findings(name -> name.startsWith(FIXTURES)).stream()
                .collect(Collectors.groupingBy(f -> f.initialiser().substring(FIXTURES.length()),
                        Collectors.mapping(f -> f.what() + ": " + f.reached() + " " + f.path(), Collectors.toList())));

        assertEquals(Map.of(
                "RegistersImageIoPlugins.<clinit>", List.of("ImageIO or AWT: javax.imageio.ImageIO.setUseCache []",
                        "ImageIO or AWT: javax.imageio.spi.IIORegistry.getDefaultInstance []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi.new []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi.<init> []",
                        "ImageIO or AWT: javax.imageio.spi.IIORegistry.registerServiceProvider []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi.new []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi.<init> []",
                        "ImageIO or AWT: javax.imageio.spi.IIORegistry.registerServiceProvider []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi.new []",
                        "TwelveMonkeys ImageIO plugins: com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi.<init> []",
                        "ImageIO or AWT: javax.imageio.spi.IIORegistry.registerServiceProvider []"),
                "StartsAThread.<clinit>", List.of("a thread: java.lang.Thread.new []",
                        "a thread: java.lang.Thread.<init> []", "a thread: java.lang.Thread.start []"),
                "ReadsTheClockThroughAHelper.<clinit>", List.of("the clock: java.lang.System.nanoTime ["
                        + FIXTURES + "Helpers.startedAt]"),
                "ReadsTheEnvironmentTwoCallsDeep.<clinit>", List.of("the environment: java.lang.System.getenv ["
                        + FIXTURES + "Helpers.regionOrDefault, " + FIXTURES + "Helpers.region]"),
                "MakesAPool.<clinit>", List.of("a thread: java.util.concurrent.Executors.newSingleThreadExecutor []")),
                found);
    }

    @Test
    void classesInitialisedAtRunTimeAreLeftOut() {
        Predicate<String> runTime = BuildTimeInitialisers.runTimeInitialised(List.of(
                "ai.onnxruntime," + FIXTURES + "StartsAThread", FIXTURES + "MakesAPool"));

        List<String> initialisers = findings(name -> name.startsWith(FIXTURES) && !runTime.test(name)).stream()
                .map(f -> f.initialiser().substring(FIXTURES.length())).distinct().sorted().toList();

        assertEquals(List.of("ReadsTheClockThroughAHelper.<clinit>", "ReadsTheEnvironmentTwoCallsDeep.<clinit>",
                "RegistersImageIoPlugins.<clinit>"), initialisers);
    }

    private static List<Finding> findings(Predicate<String> buildTimeInitialised) {
        return BuildTimeInitialisers.of(TEST_CLASSES).findings(buildTimeInitialised);
    }
}
