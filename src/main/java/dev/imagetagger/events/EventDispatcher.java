package dev.imagetagger.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.storage.ObjectRef;
import dev.imagetagger.storage.StorageUnavailableException;
import dev.imagetagger.tagging.ObjectTagger;
import dev.imagetagger.tagging.Outcome;
import dev.imagetagger.tagging.TaggingLog;
import dev.imagetagger.tagging.TaggingResult;

/**
 * Handles every non-HTTP trigger and answers in the shape its caller expects. Each object is handled on its own: one
 * object's failure never fails or re-runs the others. A permanent failure (S3 refusing the object for good) is
 * reported and never retried. Any other failure (S3 unavailable or throttling, or an unexpected exception) is never
 * swallowed: it fails the invocation (direct S3, SNS, EventBridge: Lambda retries, then uses the on-failure
 * destination), the message (SQS: {@code batchItemFailures}) or the task (Batch Operations: {@code TemporaryFailure}).
 * An {@link Error} (out of memory, a native library missing) is no verdict on any object: it fails the invocation.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final ObjectTagger tagger;
    private final TaggingLog log;
    private final ObjectMapper json;

    public EventDispatcher(ObjectTagger tagger, TaggingLog log, ObjectMapper json) {
        this.tagger = tagger;
        this.log = log;
        this.json = json;
    }

    public JsonNode handle(JsonNode event, String requestId) {
        EventKind kind = EventKind.of(event);
        return switch (kind) {
            case S3_NOTIFICATION -> tagAll(S3Notifications.ofNotification(event), requestId, "s3");
            case EVENTBRIDGE -> tagAll(S3Notifications.ofEventBridge(event), requestId, "eventbridge");
            case SNS -> tagAll(snsObjects(event), requestId, "sns");
            case SQS -> sqsBatch(event, requestId);
            case BATCH_OPERATIONS -> batchOperations(event, requestId);
            case HTTP, UNKNOWN -> throw new UnrecognisedEventException(
                    "Not an event this function handles (API Gateway, S3, SNS, SQS, EventBridge, Batch Operations).");
        };
    }

    /** Tags every object; if any failed in a retryable way, fails the invocation after trying all of them. */
    private JsonNode tagAll(List<ObjectRef> objects, String requestId, String trigger) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode results = answer.putArray("results");
        List<String> failures = tagEach(objects, requestId, trigger, result -> results.add(describe(result)));
        if (!failures.isEmpty()) {
            // On Lambda's retry the objects tagged this time are skipped as already tagged: one tag read each.
            throw new ObjectsNotTaggedException(failures);
        }
        return answer;
    }

    /** Tags each object, whatever happens to the others; returns why those that must be retried failed. */
    private List<String> tagEach(List<ObjectRef> objects, String requestId, String trigger,
            Consumer<TaggingResult> done) {
        List<String> failures = new ArrayList<>();
        for (ObjectRef object : objects) {
            try {
                done.accept(tagOne(object, requestId, trigger));
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }

    private List<ObjectRef> snsObjects(JsonNode event) {
        List<ObjectRef> objects = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            objects.addAll(S3Notifications.ofMessage(Json.parse(record.path("Sns").path("Message").asText())));
        }
        return objects;
    }

    /** One answer for the batch: only the messages that failed are reported, so only they come back. */
    private JsonNode sqsBatch(JsonNode event, String requestId) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (JsonNode record : event.path("Records")) {
            String messageId = record.path("messageId").asText();
            List<String> failed;
            try {
                failed = tagEach(S3Notifications.ofMessage(Json.parse(record.path("body").asText())), requestId, "sqs",
                        result -> { });
            } catch (UnrecognisedEventException e) {
                // An unreadable message is reported too: after the queue's retries it lands in its dead-letter queue.
                failed = List.of(e.getMessage());
            }
            if (!failed.isEmpty()) {
                LOG.errorf("SQS message %s not processed: %s", messageId, String.join("; ", failed));
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        return answer;
    }

    /** A result per task, in the Batch Operations response shape of the invocation's schema version. */
    private JsonNode batchOperations(JsonNode event, String requestId) {
        String schema = event.path("invocationSchemaVersion").asText();
        ObjectNode answer = json.createObjectNode();
        answer.put("invocationSchemaVersion", schema);
        answer.put("treatMissingKeysAs", "PermanentFailure");
        answer.put("invocationId", event.path("invocationId").asText());
        ArrayNode results = answer.putArray("results");
        for (JsonNode task : event.path("tasks")) {
            ObjectNode result = results.addObject();
            result.put("taskId", task.path("taskId").asText());
            try {
                TaggingResult tagged = tagOne(BatchTasks.object(task, schema), requestId, "batch-operations");
                boolean permanent = tagged.outcome().permanentFailure();
                result.put("resultCode", permanent ? "PermanentFailure" : "Succeeded");
                result.put("resultString", tagged.outcome().id()
                        + (tagged.detail() != null && permanent ? ": " + tagged.detail() : ""));
            } catch (UnrecognisedEventException e) {
                result.put("resultCode", "PermanentFailure");
                result.put("resultString", e.getMessage());
            } catch (RuntimeException e) {
                result.put("resultCode", "TemporaryFailure");
                result.put("resultString", e.getMessage());
            }
        }
        return answer;
    }

    /** Tags one object and logs what happened; a failure is logged, then thrown for the trigger to report. */
    private TaggingResult tagOne(ObjectRef object, String requestId, String trigger) {
        long start = System.nanoTime();
        try {
            TaggingResult result = tagger.tag(object, ObjectTagger.Trigger.EVENT);
            log.record(requestId, trigger, result);
            if (result.outcome() == Outcome.ACCESS_DENIED) {
                LOG.errorf("Access denied to s3://%s/%s: check the function role (%s)", object.bucket(),
                        object.key(), result.detail());
            }
            return result;
        } catch (RuntimeException e) {
            if (!(e instanceof StorageUnavailableException)) {
                LOG.error("Unexpected failure tagging s3://" + object.bucket() + "/" + object.key(), e);
            }
            log.failed(requestId, trigger, object, e, (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }

    private ObjectNode describe(TaggingResult result) {
        ObjectNode node = json.createObjectNode();
        node.put("bucket", result.object().bucket());
        node.put("key", result.object().key());
        node.put("versionId", result.object().versionId());
        node.put("outcome", result.outcome().id());
        if (result.classification() != null && !result.classification().predictions().isEmpty()) {
            node.put("label", result.classification().predictions().get(0).label());
            node.put("index", result.classification().predictions().get(0).index());
        }
        return node;
    }
}
