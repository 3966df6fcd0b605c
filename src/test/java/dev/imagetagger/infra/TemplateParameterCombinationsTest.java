package dev.imagetagger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Every combination of the template's switches that its rules accept must deploy a coherent stack: CloudFormation
 * only reports a dangling reference, or a trigger wired twice, when someone deploys that very combination.
 */
class TemplateParameterCombinationsTest {

    /** Two values per switch, every build; Architecture, sizes and such change no wiring. */
    private static final Map<String, List<String>> SWITCHES = new LinkedHashMap<>();

    static {
        SWITCHES.put("Build", List.of("native", "jvm", "aot"));
        SWITCHES.put("ExistingBucketName", List.of("", "existing-photos"));
        SWITCHES.put("TriggerMode", List.of("s3-notification", "eventbridge"));
        SWITCHES.put("UseSqsBuffer", List.of("false", "true"));
        SWITCHES.put("JwtIssuer", List.of("", "https://issuer.example"));
        SWITCHES.put("EnableBackfill", List.of("false", "true"));
        SWITCHES.put("InventoryBucketName", List.of("", "inventory"));
        SWITCHES.put("KeyPrefix", List.of("", "photos/"));
        SWITCHES.put("KeySuffix", List.of("", ".jpg"));
        SWITCHES.put("ReservedConcurrency", List.of("-1", "10"));
        SWITCHES.put("AlarmTopicArn", List.of("", "arn:aws:sns:eu-west-1:123456789012:alarms"));
    }

    private static List<SamTemplate> deployments;

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theRulesRejectExactlyTheCombinationsThatCannotWork() {
        int accepted = 0;
        for (Map<String, String> parameters : combinations()) {
            boolean unworkable = !parameters.get("ExistingBucketName").isEmpty() && parameters.get("TriggerMode").equals("s3-notification")
                    || !parameters.get("InventoryBucketName").isEmpty() && parameters.get("EnableBackfill").equals("false");
            assertEquals(!unworkable, template.rulesAccept(parameters), parameters::toString);
            accepted += unworkable ? 0 : 1;
        }
        assertTrue(accepted > 500, "accepted " + accepted);
    }

    @Test
    void everyReferenceNamesADeployedResource() {
        for (SamTemplate deployed : deployments()) {
            Set<String> present = deployed.resources().keySet();
            deployed.resources().forEach((id, resource) -> {
                for (String target : deployed.referencedResources(resource)) {
                    assertTrue(present.contains(target), () -> id + " refers to " + target + ", absent with " + deployed.parameters());
                }
                for (JsonNode dependency : SamTemplate.elements(resource.path("DependsOn"))) {
                    assertTrue(present.contains(dependency.asText()),
                            () -> id + " depends on " + dependency + ", absent with " + deployed.parameters());
                }
                assertFalse(resource.toString().contains("Fn::If"), id);
            });
            deployed.root().path("Outputs").properties().forEach(output -> {
                for (String target : deployed.referencedResources(output.getValue())) {
                    assertTrue(present.contains(target), () -> "output " + output.getKey() + " refers to absent " + target);
                }
            });
        }
    }

    @Test
    void noResourceWaitsForItselfWhateverTheConditions() {
        // The bucket's notification names the function, so nothing the function needs may name the bucket.
        // Checked on the template as written, every Fn::If branch included, so no combination has a cycle.
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            Set<String> targets = new LinkedHashSet<>(template.referencedResources(resource));
            SamTemplate.elements(resource.path("DependsOn")).forEach(d -> targets.add(d.asText()));
            edges.put(id, targets);
        });
        Set<String> done = new LinkedHashSet<>();
        for (String id : edges.keySet()) {
            assertNoCycle(id, edges, new ArrayList<>(), done);
        }
    }

    private static void assertNoCycle(String id, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        if (done.contains(id)) {
            return;
        }
        assertFalse(path.contains(id), () -> "circular dependency: " + String.join(" -> ", path) + " -> " + id);
        path.add(id);
        for (String target : edges.getOrDefault(id, Set.of())) {
            assertNoCycle(target, edges, path, done);
        }
        path.remove(path.size() - 1);
        done.add(id);
    }

    @Test
    void uploadsReachTheFunctionByExactlyOnePath() {
        for (SamTemplate deployed : deployments()) {
            Map<String, String> p = deployed.parameters();
            List<String> paths = new ArrayList<>();
            JsonNode notifications = deployed.has("ImagesBucket")
                    ? deployed.properties("ImagesBucket").path("NotificationConfiguration")
                    : MissingNode.getInstance();
            notifications.path("LambdaConfigurations").forEach(n -> paths.add("s3->function"));
            notifications.path("QueueConfigurations").forEach(n -> paths.add("s3->queue"));
            if (deployed.has("ObjectCreatedRule")) {
                assertTrue(!deployed.has("ImagesBucket")
                        || notifications.path("EventBridgeConfiguration").path("EventBridgeEnabled").asBoolean(),
                        () -> "the new bucket must send its events to EventBridge: " + p);
                deployed.properties("ObjectCreatedRule").path("Targets").forEach(t -> paths.add(
                        t.path("Arn").has("Fn::GetAtt") ? "eventbridge->queue" : "eventbridge->function"));
            }
            assertEquals(1, paths.size(), () -> paths + " with " + p);

            String path = paths.get(0);
            assertEquals(path.endsWith("queue"), p.get("UseSqsBuffer").equals("true"), p::toString);
            assertEquals(path.startsWith("eventbridge"), p.get("TriggerMode").equals("eventbridge"), p::toString);
            assertEquals(path.endsWith("queue"), deployed.has("BufferEventSourceMapping"), p::toString);
            assertEquals(path.equals("s3->function"), deployed.has("S3InvokePermission"), p::toString);
            assertEquals(path.equals("eventbridge->function"), deployed.has("EventBridgeInvokePermission"), p::toString);
        }
    }

    @Test
    void everythingThatNamesTheBucketNamesTheSameOne() {
        for (SamTemplate deployed : deployments()) {
            Map<String, String> p = deployed.parameters();
            String bucket = p.get("ExistingBucketName").isEmpty()
                    ? deployed.evaluate(deployed.properties("ImagesBucket").path("BucketName"))
                    : p.get("ExistingBucketName");
            String arn = "arn:aws:s3:::" + bucket;
            List<String> named = new ArrayList<>();

            named.add(deployed.evaluate(deployed.properties("ImageTaggerFunction").path("Environment").path("Variables")
                    .path("TAGGER_S3_ALLOWED_BUCKETS")));
            named.add(deployed.evaluate(deployed.root().path("Outputs").path("BucketName").path("Value")));
            for (PolicyStatement statement : PolicyStatement.in("FunctionRole", deployed.resource("FunctionRole"))) {
                if (statement.grants("s3:")) {
                    statement.resources().forEach(r -> named.add(arnToBucket(deployed.evaluate(r)).replaceFirst("/\\*$", "")));
                }
            }
            if (deployed.has("S3InvokePermission")) {
                named.add(arnToBucket(deployed.evaluate(deployed.properties("S3InvokePermission").path("SourceArn"))));
            }
            if (deployed.has("ObjectCreatedRule")) {
                deployed.properties("ObjectCreatedRule").path("EventPattern").path("detail").path("bucket").path("name")
                        .forEach(n -> named.add(deployed.evaluate(n)));
            }
            if (deployed.has("BufferQueuePolicy") && p.get("TriggerMode").equals("s3-notification")) {
                JsonNode statement = deployed.properties("BufferQueuePolicy").path("PolicyDocument").path("Statement").get(0);
                named.add(arnToBucket(deployed.evaluate(statement.path("Condition").path("ArnEquals").path("aws:SourceArn"))));
            }
            if (deployed.has("BackfillRole")) {
                for (PolicyStatement statement : PolicyStatement.in("BackfillRole", deployed.resource("BackfillRole"))) {
                    if (statement.actions().contains("s3:ListBucket")) {
                        statement.resources().forEach(r -> named.add(arnToBucket(deployed.evaluate(r))));
                    }
                }
            }
            for (String name : named) {
                assertEquals(bucket, name, () -> "names " + named + " for " + arn + " with " + p);
            }
        }
    }

    private static String arnToBucket(String arn) {
        return arn.replaceFirst("^arn:aws:s3:::", "");
    }

    /** The deployments of all accepted combinations (JWT issuer and audience always set together). */
    private static synchronized List<SamTemplate> deployments() {
        if (deployments == null) {
            SamTemplate template = SamTemplate.load();
            deployments = new ArrayList<>();
            for (Map<String, String> parameters : combinations()) {
                if (template.rulesAccept(parameters)) {
                    deployments.add(template.resolve(parameters));
                }
            }
        }
        return deployments;
    }

    private static List<Map<String, String>> combinations() {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        SWITCHES.forEach((name, values) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : values) {
                    Map<String, String> extended = new LinkedHashMap<>(combination);
                    extended.put(name, value);
                    if (name.equals("JwtIssuer")) {
                        extended.put("JwtAudience", value.isEmpty() ? "" : "client");
                    }
                    next.add(extended);
                }
            }
            combinations.clear();
            combinations.addAll(next);
        });
        return combinations;
    }
}
