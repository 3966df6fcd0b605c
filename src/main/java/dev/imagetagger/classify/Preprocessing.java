package dev.imagetagger.classify;

import java.util.List;

import dev.imagetagger.image.Preprocessor;
import dev.imagetagger.model.ModelConfig;

/** The preprocessing a model's descriptor asks for: where the model meets the image pipeline. */
public final class Preprocessing {

    private Preprocessing() {
    }

    public static Preprocessor of(ModelConfig model) {
        return new Preprocessor(model.resizeShorterSide(), model.inputSize(), toArray(model.mean()),
                toArray(model.std()), model.channelOrder(), model.layout());
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
