package dev.imagetagger.classify;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One class and its probability.
 *
 * @param index the model's output index, the class's identity
 * @param label the class name (not unique on its own)
 * @param wnid the WordNet id, when the labels file has one
 * @param category the coarse category (dog, vehicle...), when the model has categories
 * @param score the probability, in [0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One class and its probability.", requiredProperties = { "index", "label", "score" })
public record Prediction(
        @Schema(description = "The model's output index: the class's identity (names are not unique).", minimum = "0")
        int index,
        @Schema(description = "The class name.") String label,
        @Schema(description = "The WordNet synset id, when the labels file has one.", pattern = "^n[0-9]{8}$")
        String wnid,
        @Schema(description = "The coarse category (dog, cat, vehicle...), when the model has categories.")
        String category,
        @Schema(description = "The probability.", minimum = "0", maximum = "1") float score) {
}
