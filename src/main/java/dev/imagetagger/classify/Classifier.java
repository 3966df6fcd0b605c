package dev.imagetagger.classify;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.imagetagger.image.DecodedImage;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.Preprocessor;
import dev.imagetagger.model.Label;
import dev.imagetagger.model.ModelConfig;
import dev.imagetagger.model.ModelSession;

/** Classifies image bytes: decode, preprocess, infer on the warm session, postprocess. Knows nothing of Lambda. */
@ApplicationScoped
public class Classifier {

    private final ImageDecoder decoder;
    private final ModelSession session;
    private final Preprocessor preprocessor;

    public Classifier(ImageDecoder decoder, ModelSession session) {
        this.decoder = decoder;
        this.session = session;
        this.preprocessor = Preprocessing.of(session.config());
    }

    /**
     * @throws dev.imagetagger.image.ImageRejectedException when the bytes are not a decodable image within limits
     * @throws ModelFaultException when the model answers with non-finite numbers
     */
    public Classification classify(byte[] bytes, int topK, float minScore) {
        long start = System.nanoTime();
        DecodedImage image = decoder.decode(bytes, preprocessor);
        long decoded = System.nanoTime();
        long[] preprocessed = new long[1];
        float[] outputs = session.run(tensor -> {
            preprocessor.writeTensor(image, tensor);
            preprocessed[0] = System.nanoTime();
        });
        long inferred = System.nanoTime();
        ModelConfig model = session.config();
        float[] probabilities = Postprocessor.probabilities(outputs, model.outputKind());
        List<Prediction> predictions = Postprocessor.top(probabilities, session.labels(), topK, minScore);
        return new Classification(model.id(),
                new Classification.ImageSummary(image.format().id(), image.width(), image.height()), predictions,
                new Classification.Timings(millis(decoded - start), millis(preprocessed[0] - decoded),
                        millis(inferred - preprocessed[0])));
    }

    /** The id of the model classifying, written in every tag and answer. */
    public String modelId() {
        return session.config().id();
    }

    /** The model's classes, by output index. */
    public List<Label> classes() {
        return session.labels().all();
    }

    /** Refuses an encoded image larger than the byte limit, before it is read or decoded. */
    public void checkByteSize(long bytes) {
        decoder.checkByteSize(bytes);
    }

    /** Whether an encoded image of this many bytes is within the byte limit, so worth downloading. */
    public boolean withinByteLimit(long bytes) {
        return decoder.withinByteLimit(bytes);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
