package dev.imagetagger.lambda;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * API Gateway REST APIs (and HTTP APIs set to payload format 1.0) send requests in the 1.0 shape, which Quarkus' HTTP
 * handler does not read. The request is translated into the 2.0 shape the handler reads, marked with version 1.0, and
 * its answer back into the 1.0 response, which holds only the fields a REST API accepts (any other field makes it
 * answer 502 "Malformed Lambda proxy response").
 */
final class PayloadFormat1 {

    private static final String VERSION = "1.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PayloadFormat1() {
    }

    /** A 1.0 request names its method at the top; a 2.0 request only in {@code requestContext.http}. */
    static boolean isRequest(JsonNode event) {
        return event.has("httpMethod");
    }

    static boolean wasRequest(APIGatewayV2HTTPEvent request) {
        return VERSION.equals(request.getVersion());
    }

    /** The 2.0 request of a 1.0 one: method, path, query string, headers and body, which is what the handler reads. */
    static JsonNode toVersion2(JsonNode request) {
        ObjectNode translated = NODES.objectNode();
        translated.put("version", VERSION);
        translated.put("rawPath", request.path("path").asText("/"));
        translated.put("rawQueryString", queryString(request));
        translated.set("headers", headers(request));
        copy(request, "pathParameters", translated);
        copy(request, "stageVariables", translated);
        copy(request, "body", translated);
        translated.put("isBase64Encoded", request.path("isBase64Encoded").asBoolean(false));

        JsonNode context = request.path("requestContext");
        ObjectNode translatedContext = translated.putObject("requestContext");
        for (String field : List.of("accountId", "apiId", "domainName", "domainPrefix", "requestId", "stage")) {
            copy(context, field, translatedContext);
        }
        ObjectNode http = translatedContext.putObject("http");
        http.put("method", request.path("httpMethod").asText());
        http.put("path", request.path("path").asText("/"));
        copy(context, "protocol", http);
        copy(context.path("identity"), "sourceIp", http);
        copy(context.path("identity"), "userAgent", http);
        return translated;
    }

    /** The 1.0 response: status, headers (cookies as multi-value {@code Set-Cookie}), body. */
    static JsonNode toVersion1(APIGatewayV2HTTPResponse response) {
        ObjectNode translated = NODES.objectNode();
        translated.put("statusCode", response.getStatusCode());
        ObjectNode headers = translated.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        ObjectNode multiValueHeaders = translated.putObject("multiValueHeaders");
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) -> values.forEach(multiValueHeaders.putArray(name)::add));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            response.getCookies().forEach(multiValueHeaders.putArray("Set-Cookie")::add);
        }
        translated.put("body", response.getBody());
        translated.put("isBase64Encoded", response.getIsBase64Encoded());
        return translated;
    }

    /** 1.0 carries the query decoded, as parameters; the handler reads it raw, so it is encoded again. */
    private static String queryString(JsonNode request) {
        JsonNode multi = request.path("multiValueQueryStringParameters");
        JsonNode single = request.path("queryStringParameters");
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> parameter : (multi.isObject() ? multi : single).properties()) {
            List<JsonNode> values = parameter.getValue().isArray() ? parameter.getValue().valueStream().toList()
                    : List.of(parameter.getValue());
            for (JsonNode value : values) {
                pairs.add(encode(parameter.getKey()) + "=" + encode(value.asText()));
            }
        }
        return String.join("&", pairs);
    }

    /** 2.0 joins repeated headers with commas; 1.0 lists them in {@code multiValueHeaders}. */
    private static ObjectNode headers(JsonNode request) {
        ObjectNode headers = NODES.objectNode();
        JsonNode multi = request.path("multiValueHeaders");
        JsonNode single = request.path("headers");
        for (Map.Entry<String, JsonNode> header : (multi.isObject() ? multi : single).properties()) {
            JsonNode value = header.getValue();
            headers.put(header.getKey(), value.isArray()
                    ? String.join(",", value.valueStream().map(JsonNode::asText).toList())
                    : value.asText());
        }
        return headers;
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
