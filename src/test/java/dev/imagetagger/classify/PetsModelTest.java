package dev.imagetagger.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.fixtures.Shared;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A fine-tuned model with its own three labels and tensor names, served by configuration alone. */
@QuarkusTest
@TestProfile(PetsModelTest.PetsModel.class)
class PetsModelTest {

    private static final int MIN_IN_GROUP_PERCENT = 95;

    public static class PetsModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tagger.model.id", "mobilenetv2-pets-3class",
                    "tagger.model.file", Shared.model("mobilenetv2-pets-3class.onnx").toString(),
                    "tagger.model.labels", Shared.model("pets-labels.txt").toString(),
                    "tagger.model.input-name", "pixel_values",
                    "tagger.model.output-name", "logits");
        }
    }

    @Inject
    Classifier classifier;

    @Test
    void sortsTheSamplePhotosIntoTheirGroups() {
        List<LabelledPhoto> photos = LabelledPhoto.imageNetSample();
        int inGroup = 0;
        for (LabelledPhoto photo : photos) {
            List<Prediction> predictions = classifier.classify(photo.bytes(), 3, 0f).predictions();
            assertEquals(3, predictions.size());
            inGroup += predictions.get(0).label().equals(groupOf(photo.classIndex())) ? 1 : 0;
        }

        System.out.printf("Pets model: %d of %d sample photos in their group (%.1f %%)%n", inGroup, photos.size(),
                100.0 * inGroup / photos.size());
        assertTrue(inGroup * 100 >= MIN_IN_GROUP_PERCENT * photos.size(), inGroup + " of " + photos.size());
    }

    @Test
    void reportsItsOwnDescriptor() {
        given().when().get("/model")
                .then().statusCode(200)
                .body("id", equalTo("mobilenetv2-pets-3class"))
                .body("labelCount", equalTo(3))
                .body("outputCount", equalTo(3))
                .body("inputName", equalTo("pixel_values"))
                .body("$", not(hasKey("categories")));
    }

    @Test
    void answersWithItsLabelsOverHttp() {
        // topK above the label count: the three groups, no more.
        LabelledPhoto dog = LabelledPhoto.imageNetSample().stream().filter(p -> groupOf(p.classIndex()).equals("dog"))
                .findFirst().orElseThrow();

        given().contentType("image/jpeg").body(dog.bytes()).queryParam("topK", 10)
                .when().post("/classify")
                .then().statusCode(200)
                .body("model", equalTo("mobilenetv2-pets-3class"))
                .body("predictions", hasSize(3))
                .body("predictions[0].label", equalTo("dog"))
                .body("predictions[0]", not(hasKey("category"))) // no categories file: no category
                .body("predictions.label", containsInAnyOrder("dog", "cat", "other"));
    }

    /** The pets model's grouping of the ImageNet classes (see shared/models/SOURCES.md). */
    private static String groupOf(int imageNetClass) {
        if (imageNetClass >= 151 && imageNetClass <= 268) {
            return "dog";
        }
        if (imageNetClass >= 281 && imageNetClass <= 285) {
            return "cat";
        }
        return "other";
    }
}
