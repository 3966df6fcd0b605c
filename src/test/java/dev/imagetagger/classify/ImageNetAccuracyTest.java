package dev.imagetagger.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.imagetagger.fixtures.ImageNetAnswers;
import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.model.ModelSession;
import io.quarkus.test.junit.QuarkusTest;

/** Accuracy of the served zoo model on the 200 shared ImageNet photos, through the real decoder and preprocessing. */
@QuarkusTest
class ImageNetAccuracyTest {

    // The zoo's reference pipeline (Pillow decode and resize) gets 85.5 % and 97.0 % on these photos.
    private static final int MIN_TOP1_PERCENT = 83;
    private static final int MIN_TOP5_PERCENT = 95;

    @Inject
    Classifier classifier;

    @Inject
    ModelSession session;

    @Test
    void topOneAndTopFiveAccuracyReachTheReference() {
        List<LabelledPhoto> photos = LabelledPhoto.imageNetSample();
        assertEquals(200, photos.size());

        List<Classification> answers = ImageNetAnswers.topFive(classifier);
        int top1 = 0;
        int top5 = 0;
        for (int i = 0; i < photos.size(); i++) {
            LabelledPhoto photo = photos.get(i);
            List<Prediction> predictions = answers.get(i).predictions();
            assertEquals(5, predictions.size(), photo.name());
            top1 += predictions.get(0).index() == photo.classIndex() ? 1 : 0;
            top5 += predictions.stream().anyMatch(p -> p.index() == photo.classIndex()) ? 1 : 0;
        }

        System.out.printf("ImageNet sample, %d photos: top-1 %.1f %% (%d), top-5 %.1f %% (%d)%n", photos.size(),
                100.0 * top1 / photos.size(), top1, 100.0 * top5 / photos.size(), top5);
        assertTrue(top1 * 100 >= MIN_TOP1_PERCENT * photos.size(), "top-1 " + top1 + " of " + photos.size());
        assertTrue(top5 * 100 >= MIN_TOP5_PERCENT * photos.size(), "top-5 " + top5 + " of " + photos.size());
    }

    @Test
    void theLambdaHttpPathAnswersAsTheClassifierDoes() {
        // Every 20th photo through API Gateway v2 events: the same predictions as the bean, as JSON.
        List<LabelledPhoto> photos = LabelledPhoto.imageNetSample();
        for (int i = 0; i < photos.size(); i += 20) {
            LabelledPhoto photo = photos.get(i);
            Classification expected = classifier.classify(photo.bytes(), 3, 0f);

            given().contentType("image/jpeg").body(photo.bytes()).queryParam("topK", 3)
                    .when().post("/classify")
                    .then().statusCode(200)
                    .contentType("application/json")
                    .body("model", equalTo(session.config().id()))
                    .body("image.format", equalTo("jpeg"))
                    .body("image.width", equalTo(expected.image().width()))
                    .body("image.height", equalTo(expected.image().height()))
                    .body("predictions", hasSize(3))
                    .body("predictions.index", equalTo(expected.predictions().stream().map(Prediction::index).toList()))
                    .body("predictions[0].label", equalTo(expected.predictions().get(0).label()));
        }
    }
}
