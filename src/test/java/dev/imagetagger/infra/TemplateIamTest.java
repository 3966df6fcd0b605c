package dev.imagetagger.infra;

import static dev.imagetagger.infra.SamTemplate.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The permissions the template grants: no wildcards anywhere, and the function reaches the configured bucket only. */
class TemplateIamTest {

    /** Read an image (of any version) and read and write its tags: all the function may do in S3. */
    static final Set<String> OBJECT_ACTIONS = Set.of(
            "s3:GetObject", "s3:GetObjectVersion",
            "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
            "s3:PutObjectTagging", "s3:PutObjectVersionTagging");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyPolicyInTheTemplateIsFound() {
        // Guards the scan below: if the walk missed documents, the wildcard tests would pass vacuously.
        List<PolicyStatement> statements = PolicyStatement.in(template.resources());
        Set<String> owners = new TreeSet<>();
        statements.forEach(s -> owners.add(s.location().split("\\.")[0]));
        assertTrue(owners.containsAll(Set.of("FunctionRole", "BackfillRole", "BufferQueuePolicy")), owners::toString);
        assertTrue(statements.size() >= 10, () -> "only " + statements.size() + " statements found");
    }

    @Test
    void noStatementGrantsAWildcardAction() {
        for (PolicyStatement statement : PolicyStatement.in(template.resources())) {
            assertFalse(statement.node().has("NotAction"), () -> "NotAction in " + statement);
            assertFalse(statement.actions().isEmpty(), () -> "no Action in " + statement);
            for (String action : statement.actions()) {
                assertFalse(action.contains("*"), () -> "wildcard action " + action + " in " + statement);
            }
        }
    }

    @Test
    void noStatementNamesAWildcardResourceOrPrincipal() {
        for (PolicyStatement statement : PolicyStatement.in(template.resources())) {
            assertFalse(statement.node().has("NotResource"), () -> "NotResource in " + statement);
            assertFalse(statement.node().has("NotPrincipal"), () -> "NotPrincipal in " + statement);
            for (JsonNode resource : statement.resources()) {
                assertFalse(isWildcard(resource), () -> "wildcard resource " + resource + " in " + statement);
            }
            JsonNode principal = statement.node().path("Principal");
            assertFalse(principal.toString().contains("\"*\""), () -> "wildcard principal in " + statement);
        }
    }

    @Test
    void theWildcardCheckRecognisesWildcards() {
        for (String careless : List.of("'*'", "'arn:aws:s3:::*'", "'arn:aws:s3:::*/*'", "'arn:aws:s3:::image-*/*'",
                "{Fn::Sub: 'arn:${AWS::Partition}:s3:::*'}", "{Fn::Sub: 'arn:${AWS::Partition}:sqs:${AWS::Region}:*:*'}",
                "{Fn::Sub: 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:*'}",
                "{Fn::Sub: 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*'}",
                "'arn:aws:logs:eu-west-1:123456789012:log-group:*'")) {
            assertTrue(isWildcard(yaml(careless)), careless);
        }
        for (String precise : List.of("{Fn::GetAtt: [FunctionLogGroup, Arn]}",
                "{Fn::Sub: 'arn:${AWS::Partition}:s3:::${BackfillBucket}/reports/*'}", "'arn:aws:s3:::photos/*'",
                "'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/tagger:*'",
                "'arn:aws:sqs:eu-west-1:123456789012:tagger-failures'")) {
            assertFalse(isWildcard(yaml(precise)), precise);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "existing-photos"})
    void functionRoleReadsAndTagsObjectsOfTheConfiguredBucketOnly(String existingBucket) {
        SamTemplate deployed = existingBucket.isEmpty()
                ? template.resolve(Map.of())
                : template.resolve(Map.of("ExistingBucketName", existingBucket, "TriggerMode", "eventbridge"));
        String bucket = existingBucket.isEmpty()
                ? deployed.evaluate(deployed.properties("ImagesBucket").path("BucketName"))
                : existingBucket;

        Set<String> objectActions = new TreeSet<>();
        Set<String> bucketActions = new TreeSet<>();
        for (PolicyStatement statement : PolicyStatement.in("FunctionRole", deployed.resource("FunctionRole"))) {
            if (!statement.grants("s3:")) {
                continue;
            }
            assertEquals("Allow", statement.effect());
            List<String> resources = new ArrayList<>();
            statement.resources().forEach(r -> resources.add(deployed.evaluate(r)));
            if (resources.equals(List.of("arn:aws:s3:::" + bucket))) {
                bucketActions.addAll(statement.actions());
            } else {
                assertEquals(List.of("arn:aws:s3:::" + bucket + "/*"), resources, statement::toString);
                objectActions.addAll(statement.actions());
            }
        }
        assertEquals(new TreeSet<>(OBJECT_ACTIONS), objectActions);
        // On the bucket itself, only the listing that turns a deleted key's 403 into a 404.
        assertEquals(Set.of("s3:ListBucket"), bucketActions);
        // And the function is told which bucket it may read, so that it refuses others before S3 does.
        assertEquals(bucket, deployed.evaluate(
                deployed.properties("ImageTaggerFunction").path("Environment").path("Variables").path("TAGGER_S3_ALLOWED_BUCKETS")));
    }

    /** The build changes how the function starts, never what it may do: one role, one log group, whatever runs. */
    @ParameterizedTest
    @ValueSource(strings = {"jvm", "aot"})
    void everyBuildGetsTheNativeBuildsPermissions(String build) {
        SamTemplate nativeBuild = template.resolve(Map.of("Build", "native"));
        SamTemplate deployed = template.resolve(Map.of("Build", build));

        for (String resource : List.of("FunctionRole", "FunctionLogGroup")) {
            assertEquals(nativeBuild.resource(resource), deployed.resource(resource), resource);
        }
        assertEquals(nativeBuild.properties("ImageTaggerFunction").path("Role"),
                deployed.properties("ImageTaggerFunction").path("Role"));
        assertEquals(PolicyStatement.in(nativeBuild.resources()), PolicyStatement.in(deployed.resources()));
    }

    @Test
    void theNewBucketIsTheStacksOwn() {
        SamTemplate deployed = template.resolve(Map.of());
        // Computed from the stack id rather than referenced (see the template), so it must be unique to the stack.
        assertEquals("image-tagger-123456789012-0a1b2c3d4e5f",
                deployed.evaluate(deployed.properties("ImagesBucket").path("BucketName")));
    }

    @Test
    void functionRoleGrantsNothingBeyondItsJob() {
        Map<String, JsonNode> resourceOf = Map.of(
                "logs:CreateLogStream", yaml("{Fn::GetAtt: [FunctionLogGroup, Arn]}"),
                "logs:PutLogEvents", yaml("{Fn::GetAtt: [FunctionLogGroup, Arn]}"),
                "sqs:SendMessage", yaml("{Fn::GetAtt: [OnFailureQueue, Arn]}"),
                "sqs:ReceiveMessage", yaml("{Fn::GetAtt: [BufferQueue, Arn]}"),
                "sqs:DeleteMessage", yaml("{Fn::GetAtt: [BufferQueue, Arn]}"),
                "sqs:GetQueueAttributes", yaml("{Fn::GetAtt: [BufferQueue, Arn]}"));
        for (PolicyStatement statement : PolicyStatement.in("FunctionRole", template.properties("FunctionRole").path("Policies"))) {
            assertEquals("Allow", statement.effect());
            for (String action : statement.actions()) {
                if (OBJECT_ACTIONS.contains(action) || action.equals("s3:ListBucket")) {
                    continue; // checked against the bucket above
                }
                assertTrue(resourceOf.containsKey(action), () -> "unexpected action " + action + " in " + statement);
                assertEquals(List.of(resourceOf.get(action)), statement.resources(), statement::toString);
            }
        }
        assertFalse(template.properties("FunctionRole").has("ManagedPolicyArns"),
                "managed policies (even AWSLambdaBasicExecutionRole) grant on Resource *");
        assertEquals(yaml("{Service: lambda.amazonaws.com}"),
                trustedPrincipal(template.properties("FunctionRole")));
    }

    @Test
    void theFunctionPollsTheBufferQueueOnlyWhenThereIsOne() {
        for (String buffered : List.of("false", "true")) {
            SamTemplate deployed = template.resolve(Map.of("UseSqsBuffer", buffered));
            boolean polls = PolicyStatement.in("FunctionRole", deployed.resource("FunctionRole")).stream()
                    .anyMatch(s -> s.actions().contains("sqs:ReceiveMessage"));
            assertEquals(Boolean.parseBoolean(buffered), polls, "UseSqsBuffer=" + buffered);
        }
    }

    @Test
    void theFunctionUsesItsOwnRoleAndNoSamPolicyTemplates() {
        for (var function : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            JsonNode properties = function.getValue().path("Properties");
            assertEquals(yaml("{Fn::GetAtt: [FunctionRole, Arn]}"), properties.path("Role"), function.getKey());
            // SAM would otherwise build a role of its own, with policies that expand to wildcards.
            assertFalse(properties.has("Policies"), function.getKey());
        }
    }

    @Test
    void backfillRoleInvokesTheTaggerReadsTheListingAndWritesItsOwnPrefixesOnly() {
        SamTemplate deployed = template.resolve(Map.of("EnableBackfill", "true", "InventoryBucketName", "inventory"));
        String bucket = deployed.evaluate(deployed.properties("ImagesBucket").path("BucketName"));
        String backfill = "<Ref BackfillBucket>";
        Map<String, Set<String>> expected = Map.of(
                "lambda:InvokeFunction", Set.of("<Ref ImageTaggerFunction.Alias>"),
                "s3:ListBucket", Set.of("arn:aws:s3:::" + bucket),
                "s3:GetBucketLocation", Set.of("arn:aws:s3:::" + backfill),
                "s3:PutObject", Set.of("arn:aws:s3:::" + backfill + "/manifests/*", "arn:aws:s3:::" + backfill + "/reports/*"),
                "s3:GetObject", Set.of("arn:aws:s3:::" + backfill + "/manifests/*", "arn:aws:s3:::" + backfill + "/reports/*",
                        "arn:aws:s3:::inventory/*"),
                "s3:GetObjectVersion", Set.of("arn:aws:s3:::" + backfill + "/manifests/*", "arn:aws:s3:::" + backfill + "/reports/*",
                        "arn:aws:s3:::inventory/*"));
        Map<String, Set<String>> granted = new TreeMap<>();
        for (PolicyStatement statement : PolicyStatement.in("BackfillRole", deployed.properties("BackfillRole").path("Policies"))) {
            assertEquals("Allow", statement.effect());
            for (String action : statement.actions()) {
                statement.resources().forEach(r -> granted.computeIfAbsent(action, a -> new TreeSet<>()).add(deployed.evaluate(r)));
            }
        }
        assertEquals(new TreeMap<>(expected), granted);
        assertEquals(yaml("{Service: batchoperations.s3.amazonaws.com}"),
                trustedPrincipal(deployed.properties("BackfillRole")));
    }

    private static JsonNode trustedPrincipal(JsonNode roleProperties) {
        List<PolicyStatement> trust = PolicyStatement.in("trust", roleProperties.path("AssumeRolePolicyDocument"));
        assertEquals(1, trust.size());
        assertEquals(List.of("sts:AssumeRole"), trust.get(0).actions());
        return trust.get(0).node().path("Principal");
    }

    /**
     * Whether a Resource covers more than named resources: {@code *}, an ARN with a wildcard account or region, an
     * S3 ARN with a wildcard in the bucket name ({@code arn:aws:s3:::*}), or another ARN with a wildcard in the
     * resource's name ({@code ...:function:*}); paths below a named resource ({@code bucket/*}) are precise.
     * {@code Ref}/{@code GetAtt} of a resource are single ARNs; {@code Fn::Sub} is judged by its text.
     */
    static boolean isWildcard(JsonNode resource) {
        String arn;
        if (resource.isTextual()) {
            arn = resource.asText();
        } else if (resource.has("Fn::Sub")) {
            JsonNode sub = resource.get("Fn::Sub");
            arn = (sub.isArray() ? sub.get(0) : sub).asText();
        } else {
            return resource.toString().contains("\"*\"");
        }
        arn = arn.replaceAll("\\$\\{[^}]*}", "X");
        if (arn.equals("*")) {
            return true;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return arn.contains("*");
        }
        if (parts[3].contains("*") || parts[4].contains("*")) {
            return true;
        }
        if (parts[2].equals("s3")) {
            return parts[5].split("/", 2)[0].contains("*");
        }
        // "queue", "function:name", "log-group:name:*": the name (after the resource type, if any) must be exact.
        String[] segments = parts[5].split("[:/]");
        return segments[0].contains("*") || segments.length > 1 && segments[1].contains("*");
    }
}
