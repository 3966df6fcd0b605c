package dev.imagetagger.infra;

import static dev.imagetagger.infra.SamTemplate.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imagetagger.tagging.MetricsConfig;
import dev.imagetagger.tagging.Outcome;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The CloudWatch dashboard: its body, once CloudFormation has substituted it, is valid JSON whose widgets name the
 * metrics the function really writes and the resources this stack really creates, whatever the parameters.
 */
class TemplateDashboardTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void objectsByOutcomeListEveryOutcomeTheFunctionLogsInItsNamespace() {
        SamTemplate deployed = template.resolve(Map.of("MetricsNamespace", "Tagger/Prod"));
        JsonNode widget = widget(body(deployed), "Objects by outcome");

        Set<String> outcomes = new TreeSet<>();
        for (List<String> metric : metrics(widget)) {
            assertEquals(List.of("Tagger/Prod", "Objects", "Outcome"), metric.subList(0, 3));
            outcomes.add(metric.get(3));
        }
        Set<String> logged = Arrays.stream(Outcome.values()).map(Outcome::id)
                .collect(Collectors.toCollection(TreeSet::new));
        logged.add("failed"); // TaggingLog's outcome of an object whose processing failed
        assertEquals(logged, outcomes);
        assertEquals("Sum", widget.path("properties").path("stat").asText());
    }

    @Test
    void theFunctionWritesItsMetricsWhereTheDashboardReadsThem() throws NoSuchMethodException {
        JsonNode environment = template.properties("ImageTaggerFunction").path("Environment").path("Variables");
        String variable = (MetricsConfig.class.getAnnotation(ConfigMapping.class).prefix() + ".namespace")
                .replaceAll("[^A-Za-z0-9]", "_").toUpperCase();

        assertEquals(yaml("{Ref: MetricsNamespace}"), environment.path(variable));
        assertEquals(MetricsConfig.class.getMethod("namespace").getAnnotation(WithDefault.class).value(),
                template.defaults().get("MetricsNamespace"));
    }

    @Test
    void latencyShowsTheMedianAndThe99thPercentileOfTaggedObjects() {
        JsonNode widget = widget(body(template.resolve(Map.of())), "Latency of a tagged object (ms)");

        List<String> stats = new ArrayList<>();
        widget.path("properties").path("metrics").forEach(metric -> {
            assertEquals(List.of("ImageTagger", "Latency", "Outcome", "ok"), strings(metric));
            stats.add(metric.get(4).path("stat").asText());
        });
        assertEquals(List.of("p50", "p99"), stats);
    }

    @Test
    void lambdaErrorsAndThrottlesAreThoseOfThisFunction() {
        JsonNode widget = widget(body(template.resolve(Map.of())), "Function errors and throttles");

        assertEquals(List.of(
                List.of("AWS/Lambda", "Errors", "FunctionName", "<Ref ImageTaggerFunction>"),
                List.of("AWS/Lambda", "Throttles", "FunctionName", "<Ref ImageTaggerFunction>"),
                List.of("AWS/Lambda", "Invocations", "FunctionName", "<Ref ImageTaggerFunction>")), metrics(widget));
        assertEquals("Sum", widget.path("properties").path("stat").asText());
    }

    @Test
    void theQueuesOfFailedEventsAreShownWhenTheyExist() {
        String depth = "ApproximateNumberOfMessagesVisible";
        List<String> onFailure = List.of("AWS/SQS", depth, "QueueName", "<GetAtt OnFailureQueue.QueueName>");
        List<String> deadLetter = List.of("AWS/SQS", depth, "QueueName", "<GetAtt BufferDeadLetterQueue.QueueName>");

        assertEquals(List.of(onFailure), metrics(widget(body(template.resolve(Map.of())), "Failed events waiting")));
        assertEquals(List.of(deadLetter, onFailure), metrics(widget(
                body(template.resolve(Map.of("UseSqsBuffer", "true"))), "Failed events waiting")));
    }

    @Test
    void theHttpApisClientAndServerErrorsAreShownForEachApi() {
        assertEquals(List.of(
                List.of("AWS/ApiGateway", "4xx", "ApiId", "<Ref HttpApi>"),
                List.of("AWS/ApiGateway", "5xx", "ApiId", "<Ref HttpApi>")),
                metrics(widget(body(template.resolve(Map.of())), "HTTP API errors")));

        SamTemplate withJwt = template.resolve(Map.of("JwtIssuer", "https://issuer.example", "JwtAudience", "client"));
        assertEquals(List.of(
                List.of("AWS/ApiGateway", "4xx", "ApiId", "<Ref JwtHttpApi>"),
                List.of("AWS/ApiGateway", "5xx", "ApiId", "<Ref JwtHttpApi>"),
                List.of("AWS/ApiGateway", "4xx", "ApiId", "<Ref HttpApi>"),
                List.of("AWS/ApiGateway", "5xx", "ApiId", "<Ref HttpApi>")),
                metrics(widget(body(withJwt), "HTTP API errors")));
    }

    @Test
    void everyWidgetIsAMetricWidgetOfTheStacksRegionAndTheBodyIsValidJsonWhateverTheOptions() {
        for (Map<String, String> options : List.of(Map.<String, String>of(), Map.of("UseSqsBuffer", "true",
                "JwtIssuer", "https://issuer.example", "JwtAudience", "client", "TriggerMode", "eventbridge"))) {
            JsonNode body = body(template.resolve(options));
            assertEquals(5, body.path("widgets").size(), options.toString());
            body.path("widgets").forEach(widget -> {
                assertEquals("metric", widget.path("type").asText());
                assertEquals("eu-west-1", widget.path("properties").path("region").asText());
                assertTrue(widget.path("properties").path("metrics").size() > 0);
            });
        }
    }

    @Test
    void theDashboardIsNamedAfterTheStackAndItsNameIsAnOutput() {
        SamTemplate deployed = template.resolve(Map.of());

        assertEquals("tagger-eu-west-1", deployed.evaluate(deployed.properties("Dashboard").path("DashboardName")));
        assertEquals(yaml("{Ref: Dashboard}"), deployed.root().path("Outputs").path("DashboardName").path("Value"));
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
                + "#dashboards:name=<Ref Dashboard>",
                deployed.evaluate(deployed.root().path("Outputs").path("DashboardUrl").path("Value")));
    }

    private static JsonNode body(SamTemplate deployed) {
        String text = deployed.evaluate(deployed.properties("Dashboard").path("DashboardBody"));
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("The dashboard body is not JSON:\n" + text, e);
        }
    }

    private static JsonNode widget(JsonNode body, String title) {
        for (JsonNode widget : body.path("widgets")) {
            if (widget.path("properties").path("title").asText().equals(title)) {
                return widget;
            }
        }
        throw new AssertionError("No widget '" + title + "' in " + body);
    }

    /** Each metric of a widget as its namespace, name and dimension strings (its rendering options left out). */
    private static List<List<String>> metrics(JsonNode widget) {
        List<List<String>> metrics = new ArrayList<>();
        widget.path("properties").path("metrics").forEach(metric -> metrics.add(strings(metric)));
        return metrics;
    }

    private static List<String> strings(JsonNode metric) {
        List<String> strings = new ArrayList<>();
        metric.forEach(part -> {
            if (part.isTextual()) {
                strings.add(part.asText());
            }
        });
        return strings;
    }
}
