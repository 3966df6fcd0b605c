package dev.imagetagger.tagging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imagetagger.storage.ObjectRef;

/**
 * One structured JSON line per object on stdout, which is at once the log record and, in CloudWatch Embedded Metric
 * Format, the metrics: object count and latency by outcome. Never image bytes.
 */
@ApplicationScoped
public class TaggingLog {

    /** Outcome of an object whose processing failed and will be retried. */
    private static final String FAILED = "failed";

    private final ObjectMapper json;
    private final String namespace;

    public TaggingLog(ObjectMapper json, MetricsConfig config) {
        this.json = json;
        this.namespace = config.namespace();
    }

    public void record(String requestId, String trigger, TaggingResult result) {
        List<String> labels = result.classification() == null ? List.of()
                : result.classification().predictions().stream().map(p -> p.index() + ":" + p.label()).toList();
        write(requestId, trigger, result.object(), result.outcome().id(), labels, result.detail(), result.millis());
    }

    public void failed(String requestId, String trigger, ObjectRef object, Exception error, long millis) {
        write(requestId, trigger, object, FAILED, List.of(), error.getMessage(), millis);
    }

    private void write(String requestId, String trigger, ObjectRef object, String outcome, List<String> labels,
            String detail, long millis) {
        ObjectNode line = json.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add("Outcome");
        ArrayNode metrics = directive.putArray("Metrics");
        metrics.addObject().put("Name", "Objects").put("Unit", "Count");
        metrics.addObject().put("Name", "Latency").put("Unit", "Milliseconds");
        line.put("Outcome", outcome);
        line.put("Objects", 1);
        line.put("Latency", millis);
        line.put("requestId", requestId);
        line.put("trigger", trigger);
        line.put("bucket", object.bucket());
        line.put("key", object.key());
        line.put("versionId", object.versionId());
        labels.forEach(line.putArray("labels")::add);
        if (detail != null) {
            line.put("detail", detail);
        }
        try {
            System.out.println(json.writeValueAsString(line)); // read each time: a test may capture it
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
