package dev.imagetagger.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.fixtures.SampleEvents;
import dev.imagetagger.storage.ObjectRef;

/** Reading the sample events of {@code events/}: keys decoded once, versions and ETags kept. */
class S3NotificationsTest {

    @Test
    void eachSampleIsRecognisedAsItsKind() {
        assertEquals(EventKind.S3_NOTIFICATION, EventKind.of(SampleEvents.read("s3-object-created.json")));
        assertEquals(EventKind.EVENTBRIDGE, EventKind.of(SampleEvents.read("eventbridge-object-created.json")));
        assertEquals(EventKind.SQS, EventKind.of(SampleEvents.read("sqs-s3-notifications.json")));
        assertEquals(EventKind.SNS, EventKind.of(SampleEvents.read("sns-s3-notification.json")));
        assertEquals(EventKind.BATCH_OPERATIONS, EventKind.of(SampleEvents.read("batch-operations-1.0.json")));
        assertEquals(EventKind.BATCH_OPERATIONS, EventKind.of(SampleEvents.read("batch-operations-2.0.json")));
        assertEquals(EventKind.HTTP, EventKind.of(SampleEvents.read("apigw-http-classify.json")));
    }

    @Test
    void keysAreUrlDecoded() {
        List<ObjectRef> objects = S3Notifications.ofNotification(SampleEvents.read("s3-object-created.json"));

        assertEquals(List.of(new ObjectRef("image-tagger-demo", "uploads/robin in the garden été.jpg", null,
                "e7cc0d4a0d3e89af39e0889edb70e809")), objects);
    }

    @Test
    void aPlusSignStaysAPlusWhenEncoded() {
        assertEquals("c++ notes/a+b.jpg", S3Notifications.decodeKey("c%2B%2B+notes/a%2Bb.jpg"));
    }

    @Test
    void removalEventsAndTestEventsNameNoObject() {
        ObjectNode removed = SampleEvents.read("s3-object-created.json");
        ((ObjectNode) removed.withArray("Records").get(0)).put("eventName", "ObjectRemoved:Delete");
        assertTrue(S3Notifications.ofNotification(removed).isEmpty());

        ObjectNode test = SampleEvents.read("s3-object-created.json").removeAll();
        test.put("Service", "Amazon S3").put("Event", "s3:TestEvent").put("Bucket", "image-tagger-demo");
        assertTrue(S3Notifications.ofMessage(test).isEmpty());
    }

    @Test
    void batchTasksNameTheBucketByArnOrByName() {
        ObjectNode v1 = SampleEvents.read("batch-operations-1.0.json");
        ObjectRef first = BatchTasks.object(v1.withArray("tasks").get(1), "1.0");
        assertEquals(new ObjectRef("image-tagger-demo", "backfill/notes 2026.txt", null, null), first);

        ObjectNode v2 = SampleEvents.read("batch-operations-2.0.json");
        ObjectRef second = BatchTasks.object(v2.withArray("tasks").get(0), "2.0");
        assertEquals("backfill/traffic light.jpg", second.key());
        assertNull(second.versionId());
    }

    @Test
    void aMalformedMessageIsUnrecognised() {
        assertThrows(UnrecognisedEventException.class, () -> S3Notifications.ofMessage(Json.parse("{\"Records\": 1}")));
        assertThrows(UnrecognisedEventException.class, () -> Json.parse("{\"Records\": [ {"));
        assertThrows(UnrecognisedEventException.class, () -> S3Notifications.decodeKey("broken%zzkey"));
    }
}
