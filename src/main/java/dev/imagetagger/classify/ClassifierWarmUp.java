package dev.imagetagger.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
 */
@ApplicationScoped
public class ClassifierWarmUp {

    private static final Logger LOG = Logger.getLogger(ClassifierWarmUp.class);
    private static final String PHOTO = "warm-up/photo.jpg";

    void onStart(@Observes StartupEvent event, Classifier classifier) {
        long started = System.nanoTime();
        classifier.classify(photo(), 1, 0f);
        LOG.infof("Classifier warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
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
        try (InputStream in = ClassifierWarmUp.class.getClassLoader().getResourceAsStream(PHOTO)) {
            if (in == null) {
                throw new IllegalStateException(PHOTO + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
