package dev.imagetagger.tagging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** CloudWatch metrics, written as Embedded Metric Format log lines (no API calls, no extra latency). */
@ConfigMapping(prefix = "tagger.metrics")
public interface MetricsConfig {

    /** CloudWatch namespace of the metrics. */
    @WithDefault("ImageTagger")
    String namespace();
}
