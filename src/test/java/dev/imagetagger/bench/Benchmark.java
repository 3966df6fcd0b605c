package dev.imagetagger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classification.Timings;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.classify.Preprocessing;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.Csv;
import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageLimits;
import dev.imagetagger.image.Preprocessor;
import dev.imagetagger.model.ModelConfig;
import dev.imagetagger.model.ModelSession;

/**
 * Measures the classifier as the function runs it, outside Quarkus: start-up to a warm session, then the decode,
 * preprocess and inference milliseconds the Classifier itself reports, for the 200 ImageNet sample photos and for
 * each photo of {@code images/large}. Not a test: run it with {@code ./mvnw -Pbenchmark test} (see README.md here).
 */
public final class Benchmark {

    private static final int LARGE_RUNS = 3;

    private Benchmark() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        ImageDecoder decoder = new ImageDecoder(Configs.defaults(ImageLimits.class));
        ModelSession session = new ModelSession(Configs.defaults(ModelConfig.class));
        Classifier classifier = new Classifier(decoder, session);

        System.out.printf("%nJava %s, %d CPU(s), max heap %d MB; model %s, %d intra-op thread(s)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, session.config().id(), session.config().threads().intraOp());
        System.out.printf("Start-up: model session ready (load, check, warm-up) %d ms%n", session.startupMillis());
        Preprocessor preprocessor = Preprocessing.of(session.config());
        byte[] bmp = Shared.image("formats/n01558993_robin.bmp.bmp");
        long imageIoStart = System.nanoTime();
        decoder.decode(bmp, preprocessor);
        long firstBmp = System.nanoTime() - imageIoStart;
        imageIoStart = System.nanoTime();
        decoder.decode(bmp, preprocessor);
        System.out.printf("ImageIO's set-up, paid by the first BMP, GIF, TIFF or WebP only: %d ms%n",
                (firstBmp - (System.nanoTime() - imageIoStart)) / 1_000_000);

        List<byte[]> sample = LabelledPhoto.imageNetSample().stream().map(LabelledPhoto::bytes).toList();
        System.out.printf("%nImageNet sample, %d photos, median / p90 ms:%n", sample.size());
        resetPeaks();
        report("first pass", run(classifier, sample));
        report("second pass", run(classifier, sample));
        System.out.printf("  peak heap %d MB%n", peakHeapMegabytes());

        Path large = Shared.images("large");
        System.out.printf("%nLarge photos, median of %d runs after one warm-up, ms:%n", LARGE_RUNS);
        System.out.printf("  %-32s %8s %10s %10s %10s %10s %11s%n", "file", "MP", "decode", "preprocess",
                "inference", "peak heap", "above idle");
        for (Map<String, String> photo : Csv.read(large.resolve("manifest.csv"))) {
            // Idle: what the heap holds after a collection, before the photo's bytes are read (they count as its).
            System.gc();
            long idle = heapInUseMegabytes();
            resetPeaks();
            byte[] bytes = Shared.read(large.resolve(photo.get("file")));
            classifier.classify(bytes, 5, 0f);
            List<Timings> runs = new ArrayList<>();
            for (int i = 0; i < LARGE_RUNS; i++) {
                runs.add(classifier.classify(bytes, 5, 0f).timings());
            }
            double megapixels = Long.parseLong(photo.get("width")) * Long.parseLong(photo.get("height")) / 1e6;
            long peak = peakHeapMegabytes();
            System.out.printf("  %-32s %8.1f %10.1f %10.1f %10.1f %7d MB %8d MB%n", photo.get("file"), megapixels,
                    median(runs, Timings::decodeMs), median(runs, Timings::preprocessMs),
                    median(runs, Timings::inferenceMs), peak, peak - idle);
        }
        System.out.printf("%nTotal %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static List<Timings> run(Classifier classifier, List<byte[]> images) {
        List<Timings> timings = new ArrayList<>(images.size());
        for (byte[] image : images) {
            Classification result = classifier.classify(image, 5, 0f);
            timings.add(result.timings());
        }
        return timings;
    }

    private static void report(String pass, List<Timings> timings) {
        System.out.printf("  %-12s decode %5.1f / %5.1f   preprocess %5.1f / %5.1f   inference %5.1f / %5.1f%n", pass,
                median(timings, Timings::decodeMs), percentile(timings, Timings::decodeMs, 0.9),
                median(timings, Timings::preprocessMs), percentile(timings, Timings::preprocessMs, 0.9),
                median(timings, Timings::inferenceMs), percentile(timings, Timings::inferenceMs, 0.9));
    }

    private interface Stage {
        double of(Timings timings);
    }

    private static double median(List<Timings> timings, Stage stage) {
        return percentile(timings, stage, 0.5);
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Timings> timings, Stage stage, double fraction) {
        double[] values = timings.stream().mapToDouble(stage::of).sorted().toArray();
        return values[(int) Math.ceil(fraction * values.length) - 1];
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of each heap pool's peak since the last reset: an upper bound of the peak heap in use (garbage included). */
    private static long peakHeapMegabytes() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static long heapInUseMegabytes() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum() >> 20;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
