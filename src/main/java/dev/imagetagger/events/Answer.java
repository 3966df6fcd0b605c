package dev.imagetagger.events;

import java.util.List;
import java.util.function.Function;

import dev.imagetagger.tagging.TaggingResult;

/** What the dispatcher answers to an {@link Invocation}, in the trigger's terms; the Lambda layer writes it out. */
public sealed interface Answer {

    /**
     * The one of {@code tagged}, {@code failures} or {@code results} that fits this answer's kind, applied to it:
     * every kind must be handled (Java 17's switch cannot match sealed types), and a new kind fails to compile until
     * each caller handles it.
     */
    <T> T match(Function<Tagged, T> tagged, Function<QueueFailures, T> failures, Function<BatchResults, T> results);

    /** The result of every object created (an object to retry fails the invocation instead). */
    record Tagged(List<TaggingResult> results) implements Answer {

        @Override
        public <T> T match(Function<Tagged, T> tagged, Function<QueueFailures, T> failures,
                Function<BatchResults, T> results) {
            return tagged.apply(this);
        }
    }

    /** The SQS messages to deliver again; the others are done. */
    record QueueFailures(List<String> messageIds) implements Answer {

        @Override
        public <T> T match(Function<Tagged, T> tagged, Function<QueueFailures, T> failures,
                Function<BatchResults, T> results) {
            return failures.apply(this);
        }
    }

    /** A result per Batch Operations task, in the invocation's schema. */
    record BatchResults(String schema, String invocationId, List<TaskResult> results) implements Answer {

        @Override
        public <T> T match(Function<Tagged, T> tagged, Function<QueueFailures, T> failures,
                Function<BatchResults, T> results) {
            return results.apply(this);
        }

        /** How a task ended, as Batch Operations understands it. */
        public enum Code {
            /** Tagged, or skipped for a reason that needs nothing more. */
            SUCCEEDED,
            /** A retry may succeed (S3 unavailable, an unexpected failure). */
            TEMPORARY_FAILURE,
            /** The same request fails the same way: reported, never retried. */
            PERMANENT_FAILURE
        }

        /**
         * @param taskId the task
         * @param code how it ended
         * @param detail the outcome, and why for a failure
         */
        public record TaskResult(String taskId, Code code, String detail) {
        }
    }
}
