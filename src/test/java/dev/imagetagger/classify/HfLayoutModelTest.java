package dev.imagetagger.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.Configs;
import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.fixtures.Shared;
import dev.imagetagger.image.ImageDecoder;
import dev.imagetagger.image.ImageLimits;
import dev.imagetagger.model.ModelSession;
import dev.imagetagger.model.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A model in the Hugging Face layout (0.5 mean/std, 1001 outputs with {@code background} first), served by
 * configuration alone: its top-1 must be the zoo model's top-1 shifted by the background output.
 */
@QuarkusTest
@TestProfile(HfLayoutModelTest.HfLayoutModel.class)
class HfLayoutModelTest {

    private static final int MIN_SHIFTED_PERCENT = 95;
    private static final int MIN_TOP1_PERCENT = 83;

    public static class HfLayoutModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tagger.model.id", "mobilenetv2-hf-layout-1001",
                    "tagger.model.file", Shared.model("mobilenetv2-hf-layout-1001.onnx").toString(),
                    "tagger.model.labels", "classpath:model/imagenet-synsets.txt",
                    "tagger.model.label-offset", "1",
                    "tagger.model.input-name", "pixel_values",
                    "tagger.model.output-name", "logits",
                    "tagger.model.mean", "0.5,0.5,0.5",
                    "tagger.model.std", "0.5,0.5,0.5");
        }
    }

    @Inject
    Classifier classifier;

    @Test
    void topOneIsTheZooModelsTopOnePlusOne() {
        // The zoo model, in its own session beside the application's, with its default descriptor.
        ModelSession zooSession = Sessions.open(Map.of());
        try {
            Classifier zoo = new Classifier(new ImageDecoder(Configs.defaults(ImageLimits.class)), zooSession);
            List<LabelledPhoto> photos = LabelledPhoto.imageNetSample();
            int shifted = 0;
            int correct = 0;
            for (LabelledPhoto photo : photos) {
                Prediction hf = classifier.classify(photo.bytes(), 1, 0f).predictions().get(0);
                Prediction reference = zoo.classify(photo.bytes(), 1, 0f).predictions().get(0);
                if (hf.index() == reference.index() + 1) {
                    shifted++;
                    // Same class, so the same name and WordNet id, although the output index differs.
                    assertEquals(reference.wnid(), hf.wnid(), photo.name());
                    assertEquals(reference.label(), hf.label(), photo.name());
                }
                correct += hf.wnid().equals(photo.wnid()) ? 1 : 0;
            }

            System.out.printf("HF-layout model: top-1 = zoo top-1 + 1 on %d of %d photos; top-1 accuracy %.1f %%%n",
                    shifted, photos.size(), 100.0 * correct / photos.size());
            assertTrue(shifted * 100 >= MIN_SHIFTED_PERCENT * photos.size(), shifted + " of " + photos.size());
            assertTrue(correct * 100 >= MIN_TOP1_PERCENT * photos.size(), "top-1 " + correct + " of " + photos.size());
        } finally {
            Sessions.close(zooSession);
        }
    }

    @Test
    void neverReportsTheBackgroundOutput() {
        for (LabelledPhoto photo : LabelledPhoto.imageNetSample().subList(0, 20)) {
            List<Prediction> predictions = classifier.classify(photo.bytes(), 1000, 0f).predictions();
            assertEquals(1000, predictions.size(), "all 1000 classes, and not the background");
            assertTrue(predictions.stream().allMatch(p -> p.index() >= 1), photo.name());
        }
    }

    @Test
    void reportsItsDescriptor() {
        given().when().get("/model")
                .then().statusCode(200)
                .body("id", equalTo("mobilenetv2-hf-layout-1001"))
                .body("labelCount", equalTo(1000))
                .body("outputCount", equalTo(1001))
                .body("labelOffset", equalTo(1))
                .body("mean", contains(0.5f, 0.5f, 0.5f));
    }
}
