package dev.imagetagger.classify;

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
public record Prediction(int index, String label, String wnid, String category, float score) {
}
