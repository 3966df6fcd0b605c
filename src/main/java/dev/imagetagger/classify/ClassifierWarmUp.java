package dev.imagetagger.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

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
