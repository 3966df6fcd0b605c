package dev.imagetagger.bench;

import static dev.imagetagger.bench.Percentiles.median;

import java.util.Random;

import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.model.ModelConfig;
import dev.imagetagger.model.ModelSession;

/**
 * ONNX Runtime's inference after a pause, as a deployed function meets it between two events: the function's own
 * session (the packaged model, default descriptor, one thread) on one fixed input. For each pause, the median of
 * {@value #TIMED} inferences, each after sleeping that long; then, after the longest pause, the median of each of the
 * inferences that follow back to back. Not a test: {@code infra/bench/inference-after-pause.sh} runs it beside the
 * peer's onnxruntime-node doing the same ({@code infra/bench/inference-after-pause.js}).
 */
public final class InferenceAfterPause {

    private static final int[] PAUSES_MS = {0, 10, 20, 50};
    private static final int WARM_UP = 50;
    private static final int TIMED = 200;
    private static final int IN_A_ROW = 6;

    private InferenceAfterPause() {
    }

    public static void main(String[] args) throws InterruptedException {
        ModelSession session = new ModelSession(Configs.defaults(ModelConfig.class));
        float[] input = new float[3 * 224 * 224];
        Random random = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat() * 4 - 2;
        }
        for (int pause : PAUSES_MS) {
            double[] times = new double[TIMED];
            for (int i = -WARM_UP; i < TIMED; i++) {
                Thread.sleep(pause);
                double ms = timeOne(session, input);
                if (i >= 0) {
                    times[i] = ms;
                }
            }
            System.out.printf("java  pause %2d ms: median %.2f ms%n", pause, median(times));
        }
        int longest = PAUSES_MS[PAUSES_MS.length - 1];
        double[][] inARow = new double[IN_A_ROW][TIMED / 2];
        for (int i = 0; i < TIMED / 2; i++) {
            Thread.sleep(longest);
            for (int k = 0; k < IN_A_ROW; k++) {
                inARow[k][i] = timeOne(session, input);
            }
        }
        StringBuilder line = new StringBuilder(String.format("java  after a %d ms pause, back to back:", longest));
        for (double[] position : inARow) {
            line.append(String.format(" %.2f", median(position)));
        }
        System.out.println(line.append(" ms"));
    }

    private static double timeOne(ModelSession session, float[] input) {
        long start = System.nanoTime();
        session.run(buffer -> buffer.put(input));
        return (System.nanoTime() - start) / 1e6;
    }
}
