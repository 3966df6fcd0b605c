package dev.imagetagger.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET /model} reports: the descriptor in force (with the categories file, left out when the classes
 * have no categories), the model file's sha256 and its label count.
 */
public record ModelInfo(String id, String file, @JsonInclude(JsonInclude.Include.NON_NULL) String categories,
        String sha256, int labelCount, int outputCount,
        int labelOffset, String inputName, String outputName, int inputSize, int resizeShorterSide, List<Float> mean,
        List<Float> std, String channelOrder, String layout, String outputKind, int intraOpThreads) {

    static ModelInfo of(ModelConfig config, String categories, String sha256, Labels labels) {
        return new ModelInfo(config.id(), config.file(), categories, sha256, labels.size(), labels.outputCount(),
                config.labelOffset(), config.inputName(), config.outputName(), config.inputSize(),
                config.resizeShorterSide(), List.copyOf(config.mean()), List.copyOf(config.std()),
                config.channelOrder().name().toLowerCase(), config.layout().name().toLowerCase(),
                config.outputKind().name().toLowerCase(), config.threads().intraOp());
    }
}
