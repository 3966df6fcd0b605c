package dev.imagetagger.events;

import java.util.List;

import dev.imagetagger.tagging.TaggingResult;

/** What the dispatcher answers to an {@link Invocation}, in the trigger's terms; the Lambda layer writes it out. */
public sealed interface Answer {

    /** The result of every object created (an object to retry fails the invocation instead). */
    record Tagged(List<TaggingResult> results) implements Answer {
    }

    /** The SQS messages to deliver again; the others are done. */
    record QueueFailures(List<String> messageIds) implements Answer {
    }

    /** A result per Batch Operations task, in the invocation's schema. */
    record BatchResults(String schema, String invocationId, List<TaskResult> results) implements Answer {

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
