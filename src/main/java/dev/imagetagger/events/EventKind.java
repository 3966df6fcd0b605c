package dev.imagetagger.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The kinds of invocation the function accepts, told apart by their shape. */
enum EventKind {
    /** API Gateway (payload v2 or v1) or a function URL: handled by the REST layer. */
    HTTP,
    /** S3 event notification sent directly to Lambda: {@code Records[].eventSource = aws:s3}. */
    S3_NOTIFICATION,
    /** SNS delivering S3 notifications: {@code Records[].EventSource = aws:sns}. */
    SNS,
    /** SQS messages whose bodies are S3 notifications (or SNS envelopes or EventBridge events). */
    SQS,
    /** EventBridge {@code Object Created} event from S3. */
    EVENTBRIDGE,
    /** S3 Batch Operations invocation, schema 1.0 or 2.0. */
    BATCH_OPERATIONS,
    /** Anything else: refused with a function error. */
    UNKNOWN;

    static EventKind of(JsonNode event) {
        if (!event.isObject()) {
            return UNKNOWN;
        }
        if (event.has("requestContext") || event.has("rawPath") || event.has("httpMethod")) {
            return HTTP;
        }
        if (event.has("invocationSchemaVersion") && event.has("tasks")) {
            return BATCH_OPERATIONS;
        }
        if (event.path("source").asText().equals("aws.s3") && event.has("detail-type")) {
            return EVENTBRIDGE;
        }
        JsonNode first = event.path("Records").path(0);
        return switch (first.has("eventSource") ? first.path("eventSource").asText()
                : first.path("EventSource").asText()) {
            case "aws:s3" -> S3_NOTIFICATION;
            case "aws:sqs" -> SQS;
            case "aws:sns" -> SNS;
            default -> UNKNOWN;
        };
    }
}
