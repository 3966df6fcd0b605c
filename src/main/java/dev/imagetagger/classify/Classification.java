package dev.imagetagger.classify;

import java.util.List;

/**
 * The answer for one image.
 *
 * @param model the id of the model that classified it
 * @param image what was decoded
 * @param predictions the best classes, highest score first
 * @param timings where the time went
 */
public record Classification(String model, ImageSummary image, List<Prediction> predictions, Timings timings) {

    /** The upright image's size and its format. */
    public record ImageSummary(String format, int width, int height) {
    }

    /** Milliseconds spent in each stage. */
    public record Timings(double decodeMs, double preprocessMs, double inferenceMs) {
    }
}
