package dev.imagetagger.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imagetagger.events.Answer.BatchResults;
import dev.imagetagger.events.Answer.BatchResults.Code;
import dev.imagetagger.events.Answer.BatchResults.TaskResult;
import dev.imagetagger.events.Invocation.BatchJob;
import dev.imagetagger.events.Invocation.ObjectsCreated;
import dev.imagetagger.events.Invocation.QueueMessages;
import dev.imagetagger.storage.ObjectRef;
import dev.imagetagger.storage.StorageUnavailableException;
import dev.imagetagger.tagging.ObjectTagger;
import dev.imagetagger.tagging.Outcome;
import dev.imagetagger.tagging.TaggingLog;
import dev.imagetagger.tagging.TaggingResult;

/**
 * Handles every non-HTTP trigger and answers in the terms its caller expects (the Lambda layer writes them out).
 * Each object is handled on its own: one object's failure never fails or re-runs the others. A permanent failure (S3
 * refusing the object for good) is reported and never retried. Any other failure (S3 unavailable or throttling, or an
 * unexpected exception) is never swallowed: it fails the invocation (direct S3, SNS, EventBridge: Lambda retries, then
 * uses the on-failure destination), the message (SQS: {@code batchItemFailures}) or the task (Batch Operations:
 * {@code TemporaryFailure}). An {@link Error} (out of memory, a native library missing) is no verdict on any object:
 * it fails the invocation.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final ObjectTagger tagger;
    private final TaggingLog log;

    public EventDispatcher(ObjectTagger tagger, TaggingLog log) {
        this.tagger = tagger;
        this.log = log;
    }

    /** Reads {@code event} (see {@link Invocations#read}) and handles it. */
    public Answer handle(JsonNode event, String requestId) {
        return handle(Invocations.read(event), requestId);
    }

    public Answer handle(Invocation invocation, String requestId) {
        return invocation.match(created -> tagAll(created, requestId),
                messages -> queueMessages(messages, requestId),
                job -> batchJob(job, requestId));
    }

    /** Tags every object; if any failed in a retryable way, fails the invocation after trying all of them. */
    private Answer tagAll(ObjectsCreated created, String requestId) {
        List<TaggingResult> results = new ArrayList<>();
        List<String> failures = tagEach(created.objects(), requestId, created.trigger(), results::add);
        if (!failures.isEmpty()) {
            // On Lambda's retry the objects tagged this time are skipped as already tagged: one tag read each.
            throw new ObjectsNotTaggedException(failures);
        }
        return new Answer.Tagged(results);
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

    /** One answer for the batch: only the messages that failed are reported, so only they come back. */
    private Answer queueMessages(QueueMessages messages, String requestId) {
        List<String> failedIds = new ArrayList<>();
        for (QueueMessages.Message message : messages.messages()) {
            // An unreadable message is reported too: after the queue's retries it lands in its dead-letter queue.
            List<String> failed = message.unreadable() != null ? List.of(message.unreadable())
                    : tagEach(message.objects(), requestId, "sqs", result -> { });
            if (!failed.isEmpty()) {
                LOG.errorf("SQS message %s not processed: %s", message.id(), String.join("; ", failed));
                failedIds.add(message.id());
            }
        }
        return new Answer.QueueFailures(failedIds);
    }

    /** A result per task: a permanent failure is never retried, a temporary one is. */
    private Answer batchJob(BatchJob job, String requestId) {
        List<TaskResult> results = new ArrayList<>();
        for (BatchJob.Task task : job.tasks()) {
            if (task.unreadable() != null) {
                results.add(new TaskResult(task.id(), Code.PERMANENT_FAILURE, task.unreadable()));
                continue;
            }
            try {
                TaggingResult tagged = tagOne(task.object(), requestId, "batch-operations");
                boolean permanent = tagged.outcome().permanentFailure();
                results.add(new TaskResult(task.id(), permanent ? Code.PERMANENT_FAILURE : Code.SUCCEEDED,
                        tagged.outcome().id() + (tagged.detail() != null && permanent ? ": " + tagged.detail() : "")));
            } catch (RuntimeException e) {
                results.add(new TaskResult(task.id(), Code.TEMPORARY_FAILURE, e.getMessage()));
            }
        }
        return new BatchResults(job.schema(), job.invocationId(), results);
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
}
