package dev.imagetagger.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer written as its own JSON rather than as an API Gateway 2.0 response: the answer to a {@link NonHttpEvent},
 * or the 1.0 response to a REST API request ({@link PayloadFormat1}).
 */
public final class NonHttpResponse extends APIGatewayV2HTTPResponse {

    private final transient JsonNode json;

    NonHttpResponse(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }
}
