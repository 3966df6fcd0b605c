package dev.imagetagger.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.response.Response;

/**
 * The OpenAPI document the running application serves ({@code /q/openapi}), and a check that a real answer is one its
 * contract allows: the schema of the operation's response for that status and media type, validated as JSON Schema
 * 2020-12 (which OpenAPI 3.1 schemas are).
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            factory -> factory.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    // The document's components ride beside a schema only so that its references resolve.
                    .keyword(new NonValidationKeyword("components")).build()));

    private final JsonNode document;

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    static OpenApiContract served() {
        return new OpenApiContract(read(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString()));
    }

    JsonNode document() {
        return document;
    }

    /** The declared response of {@code method path} for {@code status}, or a missing node. */
    JsonNode response(String method, String path, int status) {
        return document.path("paths").path(path).path(method).path("responses").path(Integer.toString(status));
    }

    /** Fails unless the answer's status, media type and body are ones the contract declares for the operation. */
    void assertAllows(String method, String path, Response answer) {
        String mediaType = answer.contentType().split(";")[0].strip();
        JsonNode declared = response(method, path, answer.statusCode()).path("content").path(mediaType);
        assertFalse(declared.isMissingNode(), () -> method + " " + path + " declares no " + answer.statusCode() + " "
                + mediaType + " answer");
        // The schema, with the document's components beside it so that its #/components/... references resolve.
        ObjectNode schema = declared.path("schema").deepCopy();
        schema.set("components", document.path("components"));
        JsonSchema validator = SCHEMAS.getSchema(schema);
        Set<ValidationMessage> errors = validator.validate(read(answer.asString()));
        assertEquals(Set.of(), errors, () -> answer.statusCode() + " " + answer.asString());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
