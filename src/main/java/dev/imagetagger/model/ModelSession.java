package dev.imagetagger.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.quarkus.runtime.Startup;

import dev.imagetagger.image.TensorLayout;

/**
 * Owns the one warm ONNX Runtime session. It is created during start-up (the Lambda Init phase), checked against the
 * descriptor, warmed with one inference, and reused by every invocation together with one reused input buffer.
 */
@Startup
@Singleton
public class ModelSession {

    private static final Logger LOG = Logger.getLogger(ModelSession.class);

    private final ModelConfig config;
    private final Labels labels;
    private final ModelInfo info;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final FloatBuffer input;
    private final long[] inputShape;
    private final long startupMillis;

    public ModelSession(ModelConfig config) {
        long started = System.nanoTime();
        this.config = config;
        ModelDescriptors.check(config);
        Labels parsed = Labels.parse(new String(ModelFiles.read(config.labels()), StandardCharsets.UTF_8),
                config.labelOffset());
        Optional<String> categories = Categories.location(config);
        this.labels = categories.map(location -> Categories.read(parsed, location)).orElse(parsed);
        byte[] model = ModelFiles.read(config.file());
        this.environment = OrtEnvironment.getEnvironment();
        this.session = open(model, config);
        try {
            checkInputsAndOutputs();
            int side = config.inputSize();
            this.inputShape = config.layout() == TensorLayout.NCHW
                    ? new long[] { 1, 3, side, side }
                    : new long[] { 1, side, side, 3 };
            // Direct and native-ordered, so ONNX Runtime reads it in place instead of copying it per call.
            this.input = ByteBuffer.allocateDirect(3 * side * side * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            float[] warmUp = run(buffer -> {
            });
            if (warmUp.length != labels.outputCount()) {
                throw new ModelMismatchException("Model output '" + config.outputName() + "' has " + warmUp.length
                        + " values but the labels file " + config.labels() + " describes " + labels.outputCount()
                        + " (" + labels.size() + " labels + label offset " + config.labelOffset()
                        + "). Fix tagger.model.labels or tagger.model.label-offset.");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.info = ModelInfo.of(config, categories.orElse(null),
                ModelFiles.packagedSha256(config.file()).orElseGet(() -> sha256(model)), labels);
        this.startupMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Model %s ready in %d ms (%d classes, %d intra-op thread(s))", config.id(), startupMillis,
                labels.size(), config.threads().intraOp());
    }

    private static OrtSession open(byte[] model, ModelConfig config) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(config.threads().intraOp());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Spinning threads burn billed CPU between calls and steal the single vCPU from decoding.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw new ModelMismatchException("ONNX Runtime cannot load " + config.file() + ": " + e.getMessage());
        }
    }

    private void checkInputsAndOutputs() {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            NodeInfo in = inputs.get(config.inputName());
            if (in == null) {
                throw new ModelMismatchException("Model " + config.file() + " has no input '" + config.inputName()
                        + "'; its inputs are " + inputs.keySet() + ". Set tagger.model.input-name.");
            }
            if (!session.getOutputNames().contains(config.outputName())) {
                throw new ModelMismatchException("Model " + config.file() + " has no output '" + config.outputName()
                        + "'; its outputs are " + session.getOutputNames() + ". Set tagger.model.output-name.");
            }
            if (in.getInfo() instanceof TensorInfo tensor && !ModelDescriptors.acceptsShape(config, tensor.getShape())) {
                throw new ModelMismatchException("Model input '" + config.inputName() + "' has shape "
                        + Arrays.toString(tensor.getShape()) + ", which does not fit a " + config.layout()
                        + " image of " + config.inputSize() + "x" + config.inputSize()
                        + ". Set tagger.model.input-size and tagger.model.layout.");
            }
        } catch (OrtException e) {
            throw new ModelMismatchException("Cannot inspect model " + config.file() + ": " + e.getMessage());
        }
    }

    /**
     * Runs one inference: {@code fill} writes the preprocessed image into the reused input buffer (positioned at
     * zero), and the model's output scores come back. Serialised, because the input buffer is shared.
     */
    public synchronized float[] run(Consumer<FloatBuffer> fill) {
        input.clear();
        fill.accept(input);
        input.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, inputShape);
                OrtSession.Result result = session.run(Map.of(config.inputName(), tensor),
                        Set.of(config.outputName()))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            FloatBuffer scores = output.getFloatBuffer();
            float[] copy = new float[scores.remaining()];
            scores.get(copy);
            return copy;
        } catch (OrtException e) {
            throw new IllegalStateException("Inference failed: " + e.getMessage(), e);
        }
    }

    public ModelConfig config() {
        return config;
    }

    public Labels labels() {
        return labels;
    }

    public ModelInfo info() {
        return info;
    }

    /** Milliseconds from the start of construction to a warmed, ready session. */
    public long startupMillis() {
        return startupMillis;
    }

    @PreDestroy
    void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session failed", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
