package dev.imagetagger.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import dev.imagetagger.model.Label;
import dev.imagetagger.model.Labels;
import dev.imagetagger.model.ModelConfig;

/** Turns raw model outputs into the best labelled classes. */
public final class Postprocessor {

    private Postprocessor() {
    }

    /**
     * The class probabilities of the model's raw outputs: softmax of logits, or the outputs as they are.
     *
     * @throws ModelFaultException when an output is NaN or infinite, which no sound model produces from a real image
     */
    public static float[] probabilities(float[] outputs, ModelConfig.OutputKind kind) {
        for (int i = 0; i < outputs.length; i++) {
            if (!Float.isFinite(outputs[i])) {
                throw new ModelFaultException("The model's output " + i + " is " + outputs[i]
                        + ": the model or its input pipeline is broken; nothing was tagged.");
            }
        }
        return kind == ModelConfig.OutputKind.LOGITS ? softmax(outputs) : outputs;
    }

    /** Numerically stable softmax. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] exp = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max);
            sum += exp[i];
        }
        float[] probabilities = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = (float) (exp[i] / sum);
        }
        return probabilities;
    }

    /**
     * The {@code topK} labelled classes with the highest probabilities that reach {@code minScore}, highest first;
     * equal scores keep the lower index first, so results are deterministic. Non-class outputs are skipped.
     */
    public static List<Prediction> top(float[] probabilities, Labels labels, int topK, float minScore) {
        // A min-heap of the best k so far: the worst of them (lowest score, then highest index) on top.
        PriorityQueue<Integer> best = new PriorityQueue<>(Math.max(1, topK),
                (a, b) -> probabilities[a] != probabilities[b] ? Float.compare(probabilities[a], probabilities[b])
                        : Integer.compare(b, a));
        for (int i = 0; i < probabilities.length; i++) {
            if (!labels.isClass(i) || probabilities[i] < minScore) {
                continue;
            }
            best.add(i);
            if (best.size() > topK) {
                best.poll();
            }
        }
        List<Prediction> predictions = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int index = best.poll();
            Label label = labels.of(index);
            predictions.add(0, new Prediction(index, label.name(), label.wnid(), label.category(),
                    probabilities[index]));
        }
        return predictions;
    }
}
