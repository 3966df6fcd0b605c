package dev.imagetagger.events;

import java.util.List;
import java.util.function.Function;

import dev.imagetagger.storage.ObjectRef;

/**
 * A non-HTTP invocation, read from its JSON once, at the edge ({@link Invocations#read}), so that dispatch and tagging
 * never read JSON by field names. Object keys are already URL-decoded.
 */
public sealed interface Invocation {

    /**
     * The one of {@code created}, {@code messages} or {@code job} that fits this invocation's kind, applied to it:
     * every kind must be handled (Java 17's switch cannot match sealed types), and a new kind fails to compile until
     * each caller handles it.
     */
    <T> T match(Function<ObjectsCreated, T> created, Function<QueueMessages, T> messages, Function<BatchJob, T> job);

    /**
     * Objects created, named by S3 directly, through SNS or by EventBridge: each is tagged, and the invocation fails if
     * any must be retried.
     *
     * @param trigger where the event came from, as logged ({@code s3}, {@code sns}, {@code eventbridge})
     * @param objects the object versions created
     */
    record ObjectsCreated(String trigger, List<ObjectRef> objects) implements Invocation {

        @Override
        public <T> T match(Function<ObjectsCreated, T> created, Function<QueueMessages, T> messages,
                Function<BatchJob, T> job) {
            return created.apply(this);
        }
    }

    /** SQS messages, each answered on its own. */
    record QueueMessages(List<Message> messages) implements Invocation {

        @Override
        public <T> T match(Function<ObjectsCreated, T> created, Function<QueueMessages, T> messages,
                Function<BatchJob, T> job) {
            return messages.apply(this);
        }

        /**
         * @param id the message id, reported when the message must come back
         * @param objects the objects its S3 notification names
         * @param unreadable why the message cannot be read, or {@code null}
         */
        public record Message(String id, List<ObjectRef> objects, String unreadable) {
        }
    }

    /** An S3 Batch Operations invocation, schema 1.0 or 2.0: one task per object. */
    record BatchJob(String schema, String invocationId, List<Task> tasks) implements Invocation {

        @Override
        public <T> T match(Function<ObjectsCreated, T> created, Function<QueueMessages, T> messages,
                Function<BatchJob, T> job) {
            return job.apply(this);
        }

        /**
         * @param id the task id, echoed in its result
         * @param object the object the task names, or {@code null} when {@code unreadable}
         * @param unreadable why the task cannot be read, or {@code null}
         */
        public record Task(String id, ObjectRef object, String unreadable) {
        }
    }
}
