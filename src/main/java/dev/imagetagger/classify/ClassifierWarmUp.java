package dev.imagetagger.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.imagetagger.image.ChannelOrder;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageLimits;
import dev.imagetagger.image.Preprocessor;
import dev.imagetagger.image.TensorLayout;

/**
 * Classifies one small packaged JPEG during start-up (Lambda's Init phase), so that the first invocation does not
 * pay for loading and first running the JPEG decoder, the preprocessing and the postprocessing (about 300 ms on a
 * cold JVM). The model session's own warm-up runs the inference alone.
 * <p>
 * Before a SnapStart checkpoint it also primes the JIT: Lambda's {@code java25} runtime starts SnapStart versions
 * with the JVM's default tiered compilation, whose optimising compiler (C2) compiles a method only after thousands of
 * calls or loop iterations. Classifying the packaged JPEG and PNG {@link #PRIMING_ROUNDS} times each, and waiting
 * for the compiler to finish what that queued, puts the decoders, the preprocessing and the inference call compiled
 * by C2 into the snapshot, so that restored functions run at full speed from their first invocation. An on-demand
 * start does none of this: its Init is on a caller's path.
 */
@Singleton
public class ClassifierWarmUp implements Resource {

    /**
     * Classifications of each packaged photo before a checkpoint. With {@code -XX:+PrintCompilation}, the JPEG
     * decoder's block decoding and IDCT, the colour conversion, the PNG unpacking, the resampler and the tensor
     * normalisation were compiled by C2 after 10 to 40 rounds, and a classification took no less CPU time after 50.
     */
    static final int PRIMING_ROUNDS = 50;
    /** How long the checkpoint waits at most for the compiler to finish the priming's compilations. */
    private static final long COMPILER_SETTLE_LIMIT_MS = 3_000;
    private static final Logger LOG = Logger.getLogger(ClassifierWarmUp.class);
    private static final String PHOTO = "warm-up/photo.jpg";
    private static final String PNG = "warm-up/photo.png";

    private final Classifier classifier;

    ClassifierWarmUp(Classifier classifier) {
        this.classifier = classifier;
    }

    void onStart(@Observes StartupEvent event) {
        // Held weakly by the global context; this singleton lives as long as the application.
        Core.getGlobalContext().register(this);
        long started = System.nanoTime();
        classifier.classify(photo(), 1, 0f);
        LOG.infof("Classifier warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int classified = prime();
        LOG.infof("Classifier primed for the snapshot: %d classifications in %d ms", classified,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the compiled code and the warm session are part of the snapshot.
    }

    /** Classifies the packaged JPEG and PNG {@link #PRIMING_ROUNDS} times each; returns how many it classified. */
    int prime() {
        byte[] jpeg = photo();
        byte[] png = resource(PNG);
        int classified = 0;
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            classifier.classify(jpeg, 1, 0f);
            classifier.classify(png, 1, 0f);
            classified += 2;
        }
        awaitCompilerSettled();
        return classified;
    }

    /** Waits, up to a limit, until the JIT has spent no more time compiling for 200 ms. */
    private static void awaitCompilerSettled() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + COMPILER_SETTLE_LIMIT_MS * 1_000_000;
        long compiled = -1;
        while (compiled != compiler.getTotalCompilationTime() && System.nanoTime() < deadline) {
            compiled = compiler.getTotalCompilationTime();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Decodes and preprocesses the photo for a 224 x 224 model, without configuration or model: the code the warm-up
     * classification runs is then loaded and compiled already. For a thread of its own before Quarkus starts (see
     * the managed runtime's handler); it does not log.
     */
    public static void rehearseDecoding() {
        ImageLimits limits = new ImageLimits() {
            @Override
            public long maxBytes() {
                return Long.MAX_VALUE;
            }

            @Override
            public long maxPixels() {
                return Long.MAX_VALUE;
            }
        };
        Preprocessor preprocessor = new Preprocessor(256, 224, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f}, ChannelOrder.RGB, TensorLayout.NCHW);
        preprocessor.writeTensor(new ImageDecoder(limits).decode(photo(), preprocessor),
                FloatBuffer.allocate(3 * 224 * 224));
    }

    private static byte[] photo() {
        return resource(PHOTO);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ClassifierWarmUp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
