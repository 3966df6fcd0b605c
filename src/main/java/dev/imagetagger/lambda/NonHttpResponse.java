package dev.imagetagger.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

/** The answer to a {@link NonHttpEvent}, written as its own JSON shape rather than as an HTTP response. */
public final class NonHttpResponse extends APIGatewayV2HTTPResponse {

    private final transient JsonNode json;

    NonHttpResponse(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }
}
