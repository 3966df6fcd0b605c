package dev.imagetagger.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/**
 * Invokes the function the way the Lambda service does: the raw event JSON is posted to the Quarkus mock event
 * server, which hands it to the real poll loop and returns the function's raw answer (HTTP 500 for a function error).
 */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    public static Response invoke(JsonNode event) {
        return given().contentType("application/json").body(event.toString())
                .post("http://localhost:" + port() + "/_lambda_");
    }

    private static int port() {
        return Integer.getInteger("quarkus.lambda.mock-event-server.test-port", 8081);
    }
}
