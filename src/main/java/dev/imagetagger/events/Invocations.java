package dev.imagetagger.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imagetagger.events.Invocation.BatchJob;
import dev.imagetagger.events.Invocation.ObjectsCreated;
import dev.imagetagger.events.Invocation.QueueMessages;
import dev.imagetagger.storage.ObjectRef;

/**
 * Reads an invocation's JSON into an {@link Invocation}: the one place, with {@link EventKind},
 * {@link S3Notifications} and {@link BatchTasks}, that knows the field names of the events AWS sends.
 */
public final class Invocations {

    private Invocations() {
    }

    /** Whether {@code event} is an API Gateway request (payload v2 or v1) or a function URL request. */
    public static boolean isHttp(JsonNode event) {
        return EventKind.of(event) == EventKind.HTTP;
    }

    /**
     * @throws UnrecognisedEventException when the event is not one this function handles, or names no object where
     *         one is required (a single SQS message or Batch Operations task that cannot be read is kept, and reported
     *         on its own)
     */
    public static Invocation read(JsonNode event) {
        return switch (EventKind.of(event)) {
            case S3_NOTIFICATION -> new ObjectsCreated("s3", S3Notifications.ofNotification(event));
            case EVENTBRIDGE -> new ObjectsCreated("eventbridge", S3Notifications.ofEventBridge(event));
            case SNS -> new ObjectsCreated("sns", snsObjects(event));
            case SQS -> queueMessages(event);
            case BATCH_OPERATIONS -> batchJob(event);
            case HTTP, UNKNOWN -> throw new UnrecognisedEventException(
                    "Not an event this function handles (API Gateway, S3, SNS, SQS, EventBridge, Batch Operations).");
        };
    }

    private static List<ObjectRef> snsObjects(JsonNode event) {
        List<ObjectRef> objects = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            objects.addAll(S3Notifications.ofMessage(Json.parse(record.path("Sns").path("Message").asText())));
        }
        return objects;
    }

    private static QueueMessages queueMessages(JsonNode event) {
        List<QueueMessages.Message> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String id = record.path("messageId").asText();
            try {
                messages.add(new QueueMessages.Message(id,
                        S3Notifications.ofMessage(Json.parse(record.path("body").asText())), null));
            } catch (UnrecognisedEventException e) {
                messages.add(new QueueMessages.Message(id, List.of(), e.getMessage()));
            }
        }
        return new QueueMessages(messages);
    }

    private static BatchJob batchJob(JsonNode event) {
        String schema = event.path("invocationSchemaVersion").asText();
        List<BatchJob.Task> tasks = new ArrayList<>();
        for (JsonNode task : event.path("tasks")) {
            String id = task.path("taskId").asText();
            try {
                tasks.add(new BatchJob.Task(id, BatchTasks.object(task, schema), null));
            } catch (UnrecognisedEventException e) {
                tasks.add(new BatchJob.Task(id, null, e.getMessage()));
            }
        }
        return new BatchJob(schema, event.path("invocationId").asText(), tasks);
    }
}
