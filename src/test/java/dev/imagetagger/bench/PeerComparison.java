package dev.imagetagger.bench;

import static dev.imagetagger.bench.Percentiles.median;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.imagetagger.classify.Classification.Timings;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageLimits;
import dev.imagetagger.model.ModelConfig;
import dev.imagetagger.model.ModelSession;

/**
 * The classifier in this JVM against the Node.js peer's {@code bench.js}, per stage: warm-up passes over all files,
 * then for each file one more warm-up and {@code --runs} classifications, printing the median of what the Classifier
 * reports (decode + preprocess + inference), in the same shape as the peer's per-file lines. Not a test, and not how
 * Lambda runs the function: {@link DeployedComparison} measures the packaged artifact.
 */
public final class PeerComparison {

    private static final int WARM_UP_PASSES = 3;

    private PeerComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int runsAt = rest.indexOf("--runs");
        int runs = runsAt >= 0 ? Integer.parseInt(rest.remove(runsAt + 1)) : 5;
        if (runsAt >= 0) {
            rest.remove(runsAt);
        }
        ModelSession session = new ModelSession(Configs.defaults(ModelConfig.class));
        Classifier classifier = new Classifier(new ImageDecoder(Configs.defaults(ImageLimits.class)), session);
        System.out.printf("java %s, max heap %d MB, %d intra-op thread(s)%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, session.config().threads().intraOp());
        // Passes over every photo first, so the JIT has compiled the decoders as in a function that has been warm for
        // a while: after one pass over a small set (10 photos), the first photo measured still ran while the JIT was
        // recompiling, 1.5 times slower than the same photo measured last.
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (String name : rest) {
                classifier.classify(Shared.read(Path.of(name)), 5, 0f);
            }
        }
        for (String name : rest) {
            Path file = Path.of(name);
            byte[] bytes = Shared.read(file);
            double[] decode = new double[runs];
            double[] preprocess = new double[runs];
            double[] inference = new double[runs];
            double[] total = new double[runs];
            classifier.classify(bytes, 5, 0f);
            for (int i = 0; i < runs; i++) {
                Timings t = classifier.classify(bytes, 5, 0f).timings();
                decode[i] = t.decodeMs();
                preprocess[i] = t.preprocessMs();
                inference[i] = t.inferenceMs();
                total[i] = t.decodeMs() + t.preprocessMs() + t.inferenceMs();
            }
            System.out.printf("%s: total %.2f ms (decode %.2f, preprocess %.2f, inference %.2f)%n",
                    file.getFileName(), median(total), median(decode), median(preprocess), median(inference));
        }
        // Sum of the heap pools' peaks: an upper bound of the heap in use, garbage included.
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("peak heap %d MB%n", peak >> 20);
    }
}
