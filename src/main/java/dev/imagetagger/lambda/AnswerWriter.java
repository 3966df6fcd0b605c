package dev.imagetagger.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.classify.Prediction;
import dev.imagetagger.events.Answer;
import dev.imagetagger.events.Answer.BatchResults;
import dev.imagetagger.events.Answer.QueueFailures;
import dev.imagetagger.events.Answer.Tagged;
import dev.imagetagger.tagging.TaggingResult;

/**
 * Writes the dispatcher's {@link Answer} in the response shape its trigger reads: SQS's {@code batchItemFailures}
 * (partial batch responses), Batch Operations' {@code results} with {@code resultCode}, and for direct S3, SNS and
 * EventBridge invocations (whose answer no AWS service reads) a summary of each object for people and tests.
 */
final class AnswerWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnswerWriter() {
    }

    static JsonNode write(Answer answer) {
        return answer.match(AnswerWriter::tagged, AnswerWriter::queueFailures, AnswerWriter::batchResults);
    }

    private static JsonNode tagged(Tagged tagged) {
        ObjectNode answer = JSON.objectNode();
        ArrayNode results = answer.putArray("results");
        for (TaggingResult result : tagged.results()) {
            ObjectNode node = results.addObject();
            node.put("bucket", result.object().bucket());
            node.put("key", result.object().key());
            node.put("versionId", result.object().versionId());
            node.put("outcome", result.outcome().id());
            if (result.classification() != null && !result.classification().predictions().isEmpty()) {
                Prediction best = result.classification().predictions().get(0);
                node.put("label", best.label());
                node.put("index", best.index());
            }
        }
        return answer;
    }

    private static JsonNode queueFailures(QueueFailures failures) {
        ObjectNode answer = JSON.objectNode();
        ArrayNode items = answer.putArray("batchItemFailures");
        failures.messageIds().forEach(id -> items.addObject().put("itemIdentifier", id));
        return answer;
    }

    private static JsonNode batchResults(BatchResults batch) {
        ObjectNode answer = JSON.objectNode();
        answer.put("invocationSchemaVersion", batch.schema());
        answer.put("treatMissingKeysAs", "PermanentFailure");
        answer.put("invocationId", batch.invocationId());
        ArrayNode results = answer.putArray("results");
        for (BatchResults.TaskResult task : batch.results()) {
            ObjectNode result = results.addObject();
            result.put("taskId", task.taskId());
            result.put("resultCode", switch (task.code()) {
                case SUCCEEDED -> "Succeeded";
                case TEMPORARY_FAILURE -> "TemporaryFailure";
                case PERMANENT_FAILURE -> "PermanentFailure";
            });
            result.put("resultString", task.detail());
        }
        return answer;
    }
}
