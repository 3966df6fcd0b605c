package dev.imagetagger.infra;

import static dev.imagetagger.infra.SamTemplate.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** How uploads reach the function (S3 notification, EventBridge, SQS buffer), and where failures end up. */
class TemplateTriggersTest {

    private static final String NEW_BUCKET = "image-tagger-123456789012-0a1b2c3d4e5f";

    private final SamTemplate template = SamTemplate.load();

    @ParameterizedTest(name = "UseSqsBuffer={0}")
    @ValueSource(strings = {"false", "true"})
    void s3NotificationsSubscribeObjectCreatedThroughTheKeyFilter(String buffered) {
        SamTemplate deployed = template.resolve(Map.of("KeyPrefix", "photos/", "KeySuffix", ".jpg", "UseSqsBuffer", buffered));
        JsonNode notifications = deployed.properties("ImagesBucket").path("NotificationConfiguration");
        String kind = buffered.equals("true") ? "QueueConfigurations" : "LambdaConfigurations";
        assertEquals(List.of(kind), fieldNames(notifications));
        assertEquals(1, notifications.path(kind).size());

        JsonNode notification = notifications.path(kind).get(0);
        // The function writes tags, never objects, and PutObjectTagging emits no ObjectCreated event: no loop.
        assertEquals("s3:ObjectCreated:*", notification.path("Event").asText());
        if (buffered.equals("true")) {
            assertEquals(yaml("{Fn::GetAtt: [BufferQueue, Arn]}"), notification.path("Queue"));
        } else {
            assertEquals(yaml("{Ref: ImageTaggerFunction.Alias}"), notification.path("Function"));
        }
        Map<String, String> rules = new LinkedHashMap<>();
        notification.path("Filter").path("S3Key").path("Rules")
                .forEach(rule -> rules.put(rule.path("Name").asText(), deployed.evaluate(rule.path("Value"))));
        assertEquals(Map.of("prefix", "photos/", "suffix", ".jpg"), rules);
    }

    @Test
    void theKeyFilterHasOnlyTheRulesThatAreSet() {
        JsonNode notification = template.resolve(Map.of()).properties("ImagesBucket")
                .path("NotificationConfiguration").path("LambdaConfigurations").get(0);
        assertFalse(notification.has("Filter"), "without prefix and suffix every new object is classified");

        JsonNode prefixOnly = template.resolve(Map.of("KeyPrefix", "photos/")).properties("ImagesBucket")
                .path("NotificationConfiguration").path("LambdaConfigurations").get(0);
        assertEquals(yaml("{S3Key: {Rules: [{Name: prefix, Value: {Ref: KeyPrefix}}]}}"), prefixOnly.path("Filter"));
    }

    @Test
    void onlyTheNewBucketMayInvokeTheFunctionAndOnlyAfterThePermissionExists() {
        SamTemplate deployed = template.resolve(Map.of());
        JsonNode permission = deployed.properties("S3InvokePermission");
        assertEquals("s3.amazonaws.com", permission.path("Principal").asText());
        assertEquals("arn:aws:s3:::" + NEW_BUCKET, deployed.evaluate(permission.path("SourceArn")));
        assertEquals("123456789012", deployed.evaluate(permission.path("SourceAccount")));
        assertEquals(yaml("{Ref: ImageTaggerFunction.Alias}"), permission.path("FunctionName"));

        // S3 validates the target when the notification is set: the bucket waits for the permission.
        assertEquals("NotificationTargetReady", deployed.resource("ImagesBucket").path("DependsOn").asText());
        assertEquals(Set.of("S3InvokePermission"),
                deployed.referencedResources(deployed.resource("NotificationTargetReady")));
        SamTemplate buffered = template.resolve(Map.of("UseSqsBuffer", "true"));
        assertEquals(Set.of("BufferQueuePolicy"),
                buffered.referencedResources(buffered.resource("NotificationTargetReady")));
    }

    @ParameterizedTest(name = "ExistingBucketName={0}, UseSqsBuffer={1}")
    @CsvSource({"'', false", "'', true", "existing-photos, false", "existing-photos, true"})
    void eventBridgeMatchesObjectCreatedInTheBucketThroughTheSameKeyFilter(String existing, String buffered) {
        SamTemplate deployed = template.resolve(Map.of("TriggerMode", "eventbridge", "ExistingBucketName", existing,
                "UseSqsBuffer", buffered, "KeyPrefix", "photos/", "KeySuffix", ".jpg"));
        String bucket = existing.isEmpty() ? NEW_BUCKET : existing;

        JsonNode pattern = deployed.properties("ObjectCreatedRule").path("EventPattern");
        assertEquals(yaml("[aws.s3]"), pattern.path("source"));
        assertEquals(yaml("[Object Created]"), pattern.path("detail-type"));
        assertEquals(1, pattern.path("detail").path("bucket").path("name").size());
        assertEquals(bucket, deployed.evaluate(pattern.path("detail").path("bucket").path("name").get(0)));
        assertEquals(1, pattern.path("detail").path("object").path("key").size());
        assertEquals("photos/*.jpg",
                deployed.evaluate(pattern.path("detail").path("object").path("key").get(0).path("wildcard")));

        JsonNode targets = deployed.properties("ObjectCreatedRule").path("Targets");
        assertEquals(1, targets.size());
        assertEquals(buffered.equals("true") ? yaml("{Fn::GetAtt: [BufferQueue, Arn]}") : yaml("{Ref: ImageTaggerFunction.Alias}"),
                targets.get(0).path("Arn"));
        assertEquals(buffered.equals("false"), deployed.has("EventBridgeInvokePermission"));
        if (buffered.equals("false")) {
            JsonNode permission = deployed.properties("EventBridgeInvokePermission");
            assertEquals("events.amazonaws.com", permission.path("Principal").asText());
            assertEquals(yaml("{Fn::GetAtt: [ObjectCreatedRule, Arn]}"), permission.path("SourceArn"));
        }

        if (existing.isEmpty()) {
            assertEquals(yaml("{EventBridgeConfiguration: {EventBridgeEnabled: true}}"),
                    deployed.properties("ImagesBucket").path("NotificationConfiguration"));
        } else {
            assertFalse(deployed.has("ImagesBucket"));
        }
        assertFalse(deployed.has("S3InvokePermission"));
    }

    @Test
    void anExistingBucketIsOnlyAcceptedWithEventBridge() {
        assertFalse(template.rulesAccept(Map.of("ExistingBucketName", "existing-photos")));
        assertTrue(template.rulesAccept(Map.of("ExistingBucketName", "existing-photos", "TriggerMode", "eventbridge")));
        assertTrue(template.rulesAccept(Map.of()));
    }

    @ParameterizedTest(name = "TriggerMode={0}")
    @ValueSource(strings = {"s3-notification", "eventbridge"})
    void theBufferReportsBatchItemFailuresAndRedrivesToADeadLetterQueue(String mode) {
        SamTemplate deployed = template.resolve(Map.of("UseSqsBuffer", "true", "TriggerMode", mode));
        var mappings = deployed.resourcesOfType("AWS::Lambda::EventSourceMapping");
        assertEquals(List.of("BufferEventSourceMapping"), List.copyOf(mappings.keySet()));
        JsonNode mapping = deployed.properties("BufferEventSourceMapping");
        assertEquals(yaml("{Fn::GetAtt: [BufferQueue, Arn]}"), mapping.path("EventSourceArn"));
        assertEquals(yaml("{Ref: ImageTaggerFunction.Alias}"), mapping.path("FunctionName"));
        assertEquals(yaml("[ReportBatchItemFailures]"), mapping.path("FunctionResponseTypes"));

        JsonNode queue = deployed.properties("BufferQueue");
        assertEquals(yaml("{Fn::GetAtt: [BufferDeadLetterQueue, Arn]}"), queue.path("RedrivePolicy").path("deadLetterTargetArn"));
        assertTrue(queue.path("RedrivePolicy").path("maxReceiveCount").asInt() > 1);
        int longestTimeout = template.root().path("Parameters").path("Timeout").path("MaxValue").asInt();
        assertTrue(queue.path("VisibilityTimeout").asInt() >= 6 * longestTimeout,
                "Lambda advises a visibility timeout of six times the function timeout");
        assertEquals(1, alarmsOn(deployed, "BufferDeadLetterQueue").size(), "the dead-letter queue is alarmed");

        List<PolicyStatement> sends = PolicyStatement.in("BufferQueuePolicy", deployed.properties("BufferQueuePolicy"));
        assertEquals(1, sends.size());
        JsonNode statement = sends.get(0).node();
        assertEquals(List.of("sqs:SendMessage"), sends.get(0).actions());
        assertEquals(List.of(yaml("{Fn::GetAtt: [BufferQueue, Arn]}")), sends.get(0).resources());
        JsonNode sourceArn = statement.path("Condition").path("ArnEquals").path("aws:SourceArn");
        if (mode.equals("eventbridge")) {
            assertEquals(yaml("{Service: events.amazonaws.com}"), statement.path("Principal"));
            assertEquals(yaml("{Fn::GetAtt: [ObjectCreatedRule, Arn]}"), sourceArn);
        } else {
            assertEquals(yaml("{Service: s3.amazonaws.com}"), statement.path("Principal"));
            assertEquals("arn:aws:s3:::" + NEW_BUCKET, deployed.evaluate(sourceArn));
        }
        assertEquals("123456789012",
                deployed.evaluate(statement.path("Condition").path("StringEquals").path("aws:SourceAccount")));
    }

    @Test
    void everyEventSourceMappingInTheTemplateReportsBatchItemFailures() {
        var mappings = template.resourcesOfType("AWS::Lambda::EventSourceMapping");
        assertFalse(mappings.isEmpty());
        mappings.forEach((id, mapping) -> assertTrue(
                SamTemplate.elements(mapping.path("Properties").path("FunctionResponseTypes")).stream()
                        .anyMatch(t -> t.asText().equals("ReportBatchItemFailures")), id));
    }

    @Test
    void withoutTheBufferNothingPollsAQueue() {
        SamTemplate deployed = template.resolve(Map.of());
        assertTrue(deployed.resourcesOfType("AWS::Lambda::EventSourceMapping").isEmpty());
        assertFalse(deployed.has("BufferQueue"));
    }

    @Test
    void failedAsynchronousEventsGoToTheOnFailureQueue() {
        JsonNode invokeConfig = template.properties("ImageTaggerFunction").path("EventInvokeConfig");
        JsonNode onFailure = invokeConfig.path("DestinationConfig").path("OnFailure");
        assertEquals("SQS", onFailure.path("Type").asText());
        assertEquals(yaml("{Fn::GetAtt: [OnFailureQueue, Arn]}"), onFailure.path("Destination"));
        int retries = invokeConfig.path("MaximumRetryAttempts").asInt(-1);
        assertTrue(retries >= 0 && retries <= 2, "MaximumRetryAttempts is set, 0..2");

        JsonNode queue = template.resource("OnFailureQueue");
        assertEquals("AWS::SQS::Queue", queue.path("Type").asText());
        assertFalse(queue.has("Condition"), "every deployment has the on-failure queue");
    }

    @Test
    void theOnFailureQueueIsAlarmedAsSoonAsAMessageWaits() {
        var alarms = alarmsOn(template.resolve(Map.of()), "OnFailureQueue");
        assertEquals(1, alarms.size());
        JsonNode alarm = alarms.get(0);
        assertEquals("AWS/SQS", alarm.path("Namespace").asText());
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(0, alarm.path("Threshold").asDouble());

        String topic = "arn:aws:sns:eu-west-1:123456789012:alarms";
        SamTemplate notifying = template.resolve(Map.of("AlarmTopicArn", topic));
        JsonNode actions = alarmsOn(notifying, "OnFailureQueue").get(0).path("AlarmActions");
        assertEquals(1, actions.size());
        assertEquals(topic, notifying.evaluate(actions.get(0)));
    }

    /** Properties of the alarms watching a queue's messages, found by their QueueName dimension. */
    private static List<JsonNode> alarmsOn(SamTemplate deployed, String queue) {
        JsonNode queueName = yaml("{Fn::GetAtt: [" + queue + ", QueueName]}");
        return deployed.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> alarm.path("Properties"))
                .filter(alarm -> SamTemplate.elements(alarm.path("Dimensions")).stream()
                        .anyMatch(d -> d.path("Name").asText().equals("QueueName") && d.path("Value").equals(queueName)))
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
