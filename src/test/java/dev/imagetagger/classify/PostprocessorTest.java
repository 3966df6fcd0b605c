package dev.imagetagger.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagetagger.model.Labels;
import dev.imagetagger.model.ModelConfig;

class PostprocessorTest {

    @Test
    void softmaxSumsToOneAndKeepsTheOrder() {
        float[] p = Postprocessor.softmax(new float[] { 1.5f, -2f, 0f, 3.25f, 3.25f });

        assertEquals(1.0, sum(p), 1e-6);
        assertTrue(p[3] > p[0] && p[0] > p[2] && p[2] > p[1]);
        assertEquals(p[3], p[4]);
    }

    @Test
    void softmaxMatchesTheDefinition() {
        // e^0 : e^ln3 = 1 : 3
        float[] p = Postprocessor.softmax(new float[] { 0f, (float) Math.log(3) });

        assertEquals(0.25f, p[0], 1e-6);
        assertEquals(0.75f, p[1], 1e-6);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        float[] shifted = Postprocessor.softmax(new float[] { 1000f, 1001f, 1002f });
        float[] negative = Postprocessor.softmax(new float[] { -1000f, -999f, -998f });
        float[] plain = Postprocessor.softmax(new float[] { 0f, 1f, 2f });

        for (int i = 0; i < 3; i++) {
            assertTrue(Float.isFinite(shifted[i]) && Float.isFinite(negative[i]));
            assertEquals(plain[i], shifted[i], 1e-6);
            assertEquals(plain[i], negative[i], 1e-6);
        }
    }

    @Test
    void topKIsTheKHighestInDescendingOrder() {
        Random random = new Random(42);
        float[] p = new float[1000];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextFloat();
        }
        List<Integer> expected = IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).reversed()).limit(7).toList();

        List<Prediction> top = Postprocessor.top(p, plainLabels(1000, 0), 7, 0f);

        assertEquals(expected, top.stream().map(Prediction::index).toList());
        assertEquals(p[expected.get(0)], top.get(0).score());
    }

    @Test
    void tiesKeepTheLowerIndexFirstAlsoAtTheCutOff() {
        float[] p = { 0.1f, 0.2f, 0.2f, 0.3f, 0.2f };

        List<Prediction> top = Postprocessor.top(p, plainLabels(5, 0), 3, 0f);

        assertEquals(List.of(3, 1, 2), top.stream().map(Prediction::index).toList());
    }

    @Test
    void minScoreDropsLowerClassesAndKeepsEqualOnes() {
        float[] p = { 0.05f, 0.5f, 0.25f, 0.2f };

        List<Prediction> top = Postprocessor.top(p, plainLabels(4, 0), 10, 0.2f);

        assertEquals(List.of(1, 2, 3), top.stream().map(Prediction::index).toList());
        assertTrue(Postprocessor.top(p, plainLabels(4, 0), 10, 0.9f).isEmpty());
    }

    @Test
    void outputsBelowTheLabelOffsetAreNeverReported() {
        // Output 0 is a background logit and the most probable; outputs 1..3 carry label lines 0..2.
        float[] p = { 0.7f, 0.1f, 0.15f, 0.05f };
        Labels labels = Labels.parse("alpha\nbeta\ngamma\n", 1);

        List<Prediction> top = Postprocessor.top(p, labels, 4, 0f);

        assertEquals(List.of(2, 1, 3), top.stream().map(Prediction::index).toList());
        assertEquals(List.of("beta", "alpha", "gamma"), top.stream().map(Prediction::label).toList());
    }

    @Test
    void predictionsCarryTheWordNetIdWhenTheLabelsHaveOne() {
        Labels labels = Labels.parse("n01440764 tench, Tinca tinca\nn01443537 goldfish, Carassius auratus\n", 0);

        Prediction best = Postprocessor.top(new float[] { 0.2f, 0.8f }, labels, 1, 0f).get(0);

        assertEquals(new Prediction(1, "goldfish", "n01443537", null, 0.8f), best);
    }

    /** NaN or infinity out of a model is its fault (or the pipeline's), never a score to write as a verdict. */
    @ParameterizedTest
    @ValueSource(floats = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY })
    void nonFiniteOutputsAreAModelFaultForEitherOutputKind(float broken) {
        float[] outputs = { 0.1f, 0.2f, broken, 0.7f };

        for (ModelConfig.OutputKind kind : ModelConfig.OutputKind.values()) {
            ModelFaultException e = assertThrows(ModelFaultException.class,
                    () -> Postprocessor.probabilities(outputs, kind));
            assertTrue(e.getMessage().contains("output 2 is " + broken), e.getMessage());
        }
    }

    @Test
    void finiteOutputsBecomeProbabilities() {
        float[] logits = { 0f, (float) Math.log(3) };

        assertArrayEquals(Postprocessor.softmax(logits),
                Postprocessor.probabilities(logits, ModelConfig.OutputKind.LOGITS));
        assertArrayEquals(new float[] { 0.25f, 0.75f },
                Postprocessor.probabilities(new float[] { 0.25f, 0.75f }, ModelConfig.OutputKind.PROBABILITIES));
    }

    private static Labels plainLabels(int count, int offset) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("class ").append(i).append('\n');
        }
        return Labels.parse(text.toString(), offset);
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
