package dev.imagetagger.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The SAM template under {@code infra/}, read as plain YAML, with just enough of CloudFormation's semantics
 * (conditions, rules, {@code Fn::If}, the string functions) to tell what one set of parameters deploys.
 */
public final class SamTemplate {

    static final Path PATH = Path.of(System.getProperty("basedir", "."), "infra", "template.yaml");

    /** Pseudo parameters of a made-up deployment. */
    static final Map<String, String> PSEUDO = Map.of(
            "AWS::Partition", "aws",
            "AWS::Region", "eu-west-1",
            "AWS::AccountId", "123456789012",
            "AWS::StackName", "tagger",
            "AWS::StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/tagger/4d7b3f80-1a2b-11f0-9c3e-0a1b2c3d4e5f",
            "AWS::URLSuffix", "amazonaws.com");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final JsonNode NO_VALUE = MissingNode.getInstance();

    private final JsonNode root;
    private final Map<String, String> parameters;

    private SamTemplate(JsonNode root, Map<String, String> parameters) {
        this.root = root;
        this.parameters = parameters;
    }

    /** The template as written: every resource, every {@code Fn::If} with both its branches. */
    public static SamTemplate load() {
        try {
            return new SamTemplate(new YAMLMapper().readTree(PATH.toFile()), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PATH, e);
        }
    }

    /** A value written the way the template writes it, e.g. {@code yaml("{Fn::GetAtt: [OnFailureQueue, Arn]}")}. */
    static JsonNode yaml(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    Map<String, JsonNode> resources() {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> resources.put(e.getKey(), e.getValue()));
        return resources;
    }

    boolean has(String logicalId) {
        return root.path("Resources").has(logicalId);
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("The template has no resource " + logicalId);
        }
        return resource;
    }

    public JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.path("Type").asText())) {
                found.put(id, resource);
            }
        });
        return found;
    }

    /** Parameter defaults, as CloudFormation passes them: strings. */
    Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        root.path("Parameters").properties().forEach(e -> {
            JsonNode value = e.getValue().get("Default");
            if (value != null) {
                defaults.put(e.getKey(), value.asText());
            }
        });
        return defaults;
    }

    /** Whether the template's Rules accept these parameters (merged over the defaults). */
    boolean rulesAccept(Map<String, String> overrides) {
        Map<String, String> values = withDefaults(overrides);
        for (JsonNode rule : root.path("Rules")) {
            JsonNode when = rule.get("RuleCondition");
            if (when != null && !truth(when, values)) {
                continue;
            }
            for (JsonNode assertion : rule.path("Assertions")) {
                if (!truth(assertion.path("Assert"), values)) {
                    return false;
                }
            }
        }
        return true;
    }

    boolean condition(String name, Map<String, String> overrides) {
        return truth(conditionNamed(name), withDefaults(overrides));
    }

    /**
     * What CloudFormation would deploy with these parameters (merged over the defaults): only the resources and
     * outputs whose condition holds, every {@code Fn::If} replaced by its chosen branch, {@code AWS::NoValue} gone.
     */
    public SamTemplate resolve(Map<String, String> overrides) {
        Map<String, String> values = withDefaults(overrides);
        ObjectNode resolved = root.deepCopy();
        for (String section : List.of("Resources", "Outputs")) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            root.path(section).properties().forEach(e -> {
                JsonNode when = e.getValue().get("Condition");
                if (when == null || truth(conditionNamed(when.asText()), values)) {
                    kept.set(e.getKey(), choose(e.getValue(), values));
                }
            });
            resolved.set(section, kept);
        }
        return new SamTemplate(resolved, values);
    }

    /**
     * The string a value stands for in a resolved template: literals, parameters, pseudo parameters, {@code Fn::Sub},
     * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, and {@code Ref} to a bucket that names itself. Other
     * references evaluate to a placeholder such as {@code <Ref ImageTaggerFunction.Alias>}.
     */
    public String evaluate(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            String name = node.get("Ref").asText();
            if (PSEUDO.containsKey(name)) {
                return PSEUDO.get(name);
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            JsonNode bucketName = root.path("Resources").path(name).path("Properties").path("BucketName");
            return bucketName.isMissingNode() ? "<Ref " + name + ">" : evaluate(bucketName);
        }
        if (node.has("Fn::GetAtt")) {
            return "<GetAtt " + getAtt(node.get("Fn::GetAtt")) + ">";
        }
        if (node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
            JsonNode variables = sub.isArray() ? sub.get(1) : JsonNodeFactory.instance.objectNode();
            Matcher m = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value;
                if (variables.has(name)) {
                    value = evaluate(variables.get(name));
                } else if (name.contains(".")) {
                    value = "<GetAtt " + name + ">";
                } else {
                    value = evaluate(JsonNodeFactory.instance.objectNode().put("Ref", name));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (node.has("Fn::Join")) {
            JsonNode join = node.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            join.get(1).forEach(part -> parts.add(evaluate(part)));
            return String.join(join.get(0).asText(), parts);
        }
        if (node.has("Fn::Select")) {
            JsonNode select = node.get("Fn::Select");
            return split(select.get(1)).get(select.get(0).asInt());
        }
        throw new AssertionError("Cannot evaluate " + node + " as a string");
    }

    private List<String> split(JsonNode list) {
        if (list.has("Fn::Split")) {
            JsonNode split = list.get("Fn::Split");
            return List.of(evaluate(split.get(1)).split(Pattern.quote(split.get(0).asText()), -1));
        }
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(evaluate(item)));
        return items;
    }

    /** Logical ids a value refers to, by {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub} (SAM's {@code X.Alias} counts as X). */
    Set<String> referencedResources(JsonNode node) {
        Set<String> ids = new LinkedHashSet<>();
        collectReferences(node, ids);
        ids.removeIf(id -> id.startsWith("AWS::") || root.path("Parameters").has(id));
        return ids;
    }

    private static void collectReferences(JsonNode node, Set<String> ids) {
        if (node.isObject()) {
            if (node.has("Ref") && node.size() == 1) {
                ids.add(node.get("Ref").asText().split("\\.")[0]);
                return;
            }
            if (node.has("Fn::GetAtt") && node.size() == 1) {
                ids.add(getAtt(node.get("Fn::GetAtt")).split("\\.")[0]);
                return;
            }
            if (node.has("Fn::Sub") && node.size() == 1) {
                JsonNode sub = node.get("Fn::Sub");
                Set<String> local = new LinkedHashSet<>();
                if (sub.isArray()) {
                    sub.get(1).properties().forEach(e -> local.add(e.getKey()));
                    collectReferences(sub.get(1), ids);
                }
                Matcher m = SUB_VARIABLE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (m.find()) {
                    String name = m.group(1);
                    if (!local.contains(name)) {
                        ids.add(name.split("\\.")[0]);
                    }
                }
                return;
            }
            node.forEach(child -> collectReferences(child, ids));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, ids));
        }
    }

    private static String getAtt(JsonNode getAtt) {
        return getAtt.isArray() ? getAtt.get(0).asText() + "." + getAtt.get(1).asText() : getAtt.asText();
    }

    /**
     * Every value a node may take, whatever the parameters: the node itself, or for {@code Fn::If} the values of
     * both its branches ({@code AWS::NoValue} left out). Used to check the unresolved template exhaustively.
     */
    static List<JsonNode> branches(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
            for (int i = 1; i <= 2; i++) {
                values.addAll(branches(node.get("Fn::If").get(i)));
            }
        } else if (!isNoValue(node) && !node.isMissingNode()) {
            values.add(node);
        }
        return values;
    }

    /** The elements of a list, or the value itself when it is not one (IAM accepts both for Action and Resource). */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : branches(node)) {
            if (value.isArray()) {
                value.forEach(element -> values.addAll(branches(element)));
            } else {
                values.add(value);
            }
        }
        return values;
    }

    static boolean isNoValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null));
    }

    private Map<String, String> withDefaults(Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!root.path("Parameters").has(name)) {
                throw new AssertionError("The template has no parameter " + name);
            }
        }
        Map<String, String> values = defaults();
        values.putAll(overrides);
        return values;
    }

    private JsonNode conditionNamed(String name) {
        JsonNode condition = root.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new AssertionError("The template has no condition " + name);
        }
        return condition;
    }

    private boolean truth(JsonNode node, Map<String, String> values) {
        if (node.has("Condition")) {
            return truth(conditionNamed(node.get("Condition").asText()), values);
        }
        if (node.has("Fn::Equals")) {
            return value(node.get("Fn::Equals").get(0), values).equals(value(node.get("Fn::Equals").get(1), values));
        }
        if (node.has("Fn::Not")) {
            return !truth(node.get("Fn::Not").get(0), values);
        }
        if (node.has("Fn::And")) {
            for (JsonNode operand : node.get("Fn::And")) {
                if (!truth(operand, values)) {
                    return false;
                }
            }
            return true;
        }
        if (node.has("Fn::Or")) {
            for (JsonNode operand : node.get("Fn::Or")) {
                if (truth(operand, values)) {
                    return true;
                }
            }
            return false;
        }
        throw new AssertionError("Unsupported condition function in " + node);
    }

    private static String value(JsonNode node, Map<String, String> values) {
        if (node.has("Ref")) {
            String name = node.get("Ref").asText();
            if (!values.containsKey(name)) {
                throw new AssertionError("A condition names the unknown parameter " + name);
            }
            return values.get(name);
        }
        return node.asText();
    }

    private JsonNode choose(JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Fn::If")) {
                JsonNode fnIf = node.get("Fn::If");
                return choose(fnIf.get(truth(conditionNamed(fnIf.get(0).asText()), values) ? 1 : 2), values);
            }
            if (isNoValue(node)) {
                return NO_VALUE;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                JsonNode value = choose(e.getValue(), values);
                if (!value.isMissingNode()) {
                    copy.set(e.getKey(), value);
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> {
                JsonNode value = choose(element, values);
                if (!value.isMissingNode()) {
                    copy.add(value);
                }
            });
            return copy;
        }
        return node;
    }
}
