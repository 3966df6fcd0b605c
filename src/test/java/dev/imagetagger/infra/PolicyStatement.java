package dev.imagetagger.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One statement of an IAM policy document found in the template (role policies, trust policies, queue and bucket
 * policies alike), with {@code Fn::If} branches expanded so that every statement any parameters could deploy is seen.
 */
record PolicyStatement(String location, JsonNode node) {

    /** Every statement of every policy document under the given resources. */
    static List<PolicyStatement> in(Map<String, JsonNode> resources) {
        List<PolicyStatement> statements = new ArrayList<>();
        resources.forEach((id, resource) -> collect(id, resource, statements));
        return statements;
    }

    /** Every statement of every policy document under one node. */
    static List<PolicyStatement> in(String location, JsonNode node) {
        List<PolicyStatement> statements = new ArrayList<>();
        collect(location, node, statements);
        return statements;
    }

    private static void collect(String location, JsonNode node, List<PolicyStatement> statements) {
        if (node.isObject()) {
            if (node.has("Statement")) {
                int i = 0;
                for (JsonNode statement : SamTemplate.elements(node.get("Statement"))) {
                    statements.add(new PolicyStatement(location + ".Statement[" + i++ + "]", statement));
                }
                return;
            }
            node.properties().forEach(e -> collect(location + "." + e.getKey(), e.getValue(), statements));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(location + "[" + i + "]", node.get(i), statements);
            }
        }
    }

    String effect() {
        return node.path("Effect").asText();
    }

    /** Actions as written; an intrinsic function in their place shows as its JSON, which no assertion accepts. */
    List<String> actions() {
        List<String> actions = new ArrayList<>();
        SamTemplate.elements(node.path("Action")).forEach(a -> actions.add(a.isTextual() ? a.asText() : a.toString()));
        return actions;
    }

    List<JsonNode> resources() {
        return SamTemplate.elements(node.path("Resource"));
    }

    boolean grants(String actionPrefix) {
        return actions().stream().anyMatch(a -> a.startsWith(actionPrefix));
    }

    @Override
    public String toString() {
        return location + " " + node;
    }
}
