package dev.imagetagger.model;

import dev.imagetagger.image.TensorLayout;

/** Checks of a model descriptor that need no model: values that could never work fail start-up early and clearly. */
final class ModelDescriptors {

    private ModelDescriptors() {
    }

    static void check(ModelConfig config) {
        if (config.mean().size() != 3 || config.std().size() != 3) {
            throw new ModelMismatchException("tagger.model.mean and tagger.model.std need three values (R,G,B); got "
                    + config.mean() + " and " + config.std());
        }
        if (config.std().stream().anyMatch(s -> !(s > 0))) {
            throw new ModelMismatchException("tagger.model.std must be positive; got " + config.std());
        }
        if (config.inputSize() < 1 || config.resizeShorterSide() < config.inputSize()) {
            throw new ModelMismatchException("tagger.model.resize-shorter-side (" + config.resizeShorterSide()
                    + ") must be at least tagger.model.input-size (" + config.inputSize() + "), which must be positive");
        }
        if (config.labelOffset() < 0) {
            throw new ModelMismatchException("tagger.model.label-offset must not be negative");
        }
    }

    /** Whether a model input of this shape (-1 marks a dynamic dimension) takes one image as configured. */
    static boolean acceptsShape(ModelConfig config, long[] shape) {
        if (shape.length != 4) {
            return false;
        }
        long side = config.inputSize();
        long[] expected = config.layout() == TensorLayout.NCHW
                ? new long[] { 1, 3, side, side }
                : new long[] { 1, side, side, 3 };
        for (int i = 0; i < 4; i++) {
            if (shape[i] >= 0 && shape[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
