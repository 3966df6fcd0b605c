package dev.imagetagger.events;

import static dev.imagetagger.fixtures.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.classify.Classification;
import dev.imagetagger.classify.Classifier;
import dev.imagetagger.fixtures.EmptyBucket;
import dev.imagetagger.fixtures.ImageNetAnswers;
import dev.imagetagger.fixtures.LabelledPhoto;
import dev.imagetagger.fixtures.LambdaInvoker;
import dev.imagetagger.fixtures.S3MockServer;
import dev.imagetagger.fixtures.SampleEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The 200 shared ImageNet photos uploaded to S3 and announced in one notification: each is tagged with exactly what
 * the classifier says of its bytes, and the tags reach the model's accuracy.
 */
@QuarkusTest
@QuarkusTestResource(S3MockServer.class)
@ExtendWith(EmptyBucket.class)
class ImageNetThroughS3Test {

    @Inject
    Classifier classifier;

    @Test
    void everyPhotoIsTaggedWithItsLabel() {
        S3Client s3 = S3MockServer.client();
        List<LabelledPhoto> photos = LabelledPhoto.imageNetSample();
        ObjectNode event = SampleEvents.read("s3-object-created.json");
        ArrayNode records = event.withArray("Records");
        ObjectNode template = (ObjectNode) records.remove(0);
        for (LabelledPhoto photo : photos) {
            String key = key(photo);
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(photo.bytes()));
            ObjectNode record = template.deepCopy();
            ObjectNode object = (ObjectNode) record.path("s3").path("object");
            object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
            object.remove("eTag");
            records.add(record);
        }

        LambdaInvoker.invoke(event).then().statusCode(200);

        List<Classification> answers = ImageNetAnswers.topFive(classifier);
        int correct = 0;
        for (int i = 0; i < photos.size(); i++) {
            LabelledPhoto photo = photos.get(i);
            String key = key(photo);
            String tagged = s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().stream()
                    .filter(t -> t.key().equals("tagger-class")).findFirst().orElseThrow().value();
            int expected = answers.get(i).predictions().get(0).index();
            assertEquals(Integer.toString(expected), tagged, key);
            correct += tagged.equals(Integer.toString(photo.classIndex())) ? 1 : 0;
        }
        double top1 = 100.0 * correct / photos.size();
        System.out.printf("ImageNet sample through S3: top-1 %.1f %% of %d%n", top1, photos.size());
        assertTrue(top1 >= 83.0, "top-1 " + top1);
    }

    /** A key with spaces, as users name their uploads. */
    private static String key(LabelledPhoto photo) {
        return "imagenet/" + photo.className() + " " + photo.name();
    }
}
