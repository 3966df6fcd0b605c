package dev.imagetagger.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An invocation that is not an API Gateway request (S3, EventBridge, SQS, Batch Operations), carried through the
 * HTTP handler's input type as its raw JSON. Quarkus allows one handler per function, and that is the HTTP one.
 */
public final class NonHttpEvent extends APIGatewayV2HTTPEvent {

    private final transient JsonNode json;

    NonHttpEvent(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }
}
