package dev.imagetagger.classify;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer for one image.
 *
 * @param model the id of the model that classified it
 * @param image what was decoded
 * @param predictions the best classes, highest score first
 * @param timings where the time went
 */
@Schema(description = "The answer for one image.", requiredProperties = { "model", "image", "predictions", "timings" })
public record Classification(
        @Schema(description = "Id of the model that classified the image (tagger.model.id).") String model,
        ImageSummary image,
        @Schema(description = "The best classes, highest score first; at most topK, none below minScore.")
        List<Prediction> predictions,
        Timings timings) {

    /** The upright image's size and its format. */
    @Schema(description = "The decoded image, upright (after its EXIF orientation).",
            requiredProperties = { "format", "width", "height" })
    public record ImageSummary(
            @Schema(enumeration = { "jpeg", "png", "gif", "bmp", "tiff", "webp" }) String format,
            @Schema(minimum = "1") int width,
            @Schema(minimum = "1") int height) {
    }

    /** Milliseconds spent in each stage. */
    @Schema(description = "Milliseconds spent in each stage.",
            requiredProperties = { "decodeMs", "preprocessMs", "inferenceMs" })
    public record Timings(
            @Schema(minimum = "0") double decodeMs,
            @Schema(minimum = "0") double preprocessMs,
            @Schema(minimum = "0") double inferenceMs) {
    }
}
