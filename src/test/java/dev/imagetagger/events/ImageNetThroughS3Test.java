package dev.imagetagger.events;

import static dev.imagetagger.testing.S3MockServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.classify.Classifier;
import dev.imagetagger.testing.Fixtures;
import dev.imagetagger.testing.LambdaInvoker;
import dev.imagetagger.testing.S3MockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The 200 shared ImageNet photos uploaded to S3 and announced in one notification: each is tagged with exactly what
 * the classifier says of its bytes, and the tags reach the model's accuracy.
 */
@QuarkusTest
@QuarkusTestResource(value = S3MockServer.class, restrictToAnnotatedClass = true)
class ImageNetThroughS3Test {

    @Inject
    Classifier classifier;

    @Test
    void everyPhotoIsTaggedWithItsLabel() throws IOException {
        S3Client s3 = S3MockServer.client();
        List<String[]> rows = Files.readAllLines(Fixtures.shared("images/imagenet-sample/labels.csv")).stream()
                .skip(1).map(line -> line.split(",")).toList();
        ObjectNode event = Fixtures.event("s3-object-created.json");
        ArrayNode records = event.withArray("Records");
        ObjectNode template = (ObjectNode) records.remove(0);
        for (String[] row : rows) {
            String key = "imagenet/" + row[3] + " " + row[0];
            s3.putObject(b -> b.bucket(BUCKET).key(key),
                    RequestBody.fromBytes(Fixtures.sharedBytes("images/imagenet-sample/" + row[0])));
            ObjectNode record = template.deepCopy();
            ObjectNode object = (ObjectNode) record.path("s3").path("object");
            object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
            object.remove("eTag");
            records.add(record);
        }

        LambdaInvoker.invoke(event).then().statusCode(200);

        int correct = 0;
        for (String[] row : rows) {
            String key = "imagenet/" + row[3] + " " + row[0];
            String tagged = s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().stream()
                    .filter(t -> t.key().equals("tagger-class")).findFirst().orElseThrow().value();
            int expected = classifier.classify(Fixtures.sharedBytes("images/imagenet-sample/" + row[0]), 1, 0f)
                    .predictions().get(0).index();
            assertEquals(Integer.toString(expected), tagged, key);
            correct += tagged.equals(row[2]) ? 1 : 0;
        }
        double top1 = 100.0 * correct / rows.size();
        System.out.printf("ImageNet sample through S3: top-1 %.1f %% of %d%n", top1, rows.size());
        assertTrue(top1 >= 83.0, "top-1 " + top1);
    }
}
