package dev.imagetagger.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;

import ai.onnxruntime.OrtEnvironment;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

import dev.imagetagger.classify.ClassifierWarmUp;
import dev.imagetagger.storage.S3Rehearsal;

/**
 * The handler of the JVM build under Lambda's managed Java runtime (the SAM template's {@code Handler}): Quarkus'
 * stream handler, with the start-up work that needs nothing of the application started first. The runtime creates
 * this handler in the Init phase; its constructor starts that work before it initialises Quarkus (in the constructor,
 * not in a static initialiser, which a native image would run while it is built). Quarkus' boot keeps one core busy
 * for about a second, and meanwhile a second thread loads ONNX Runtime's native library, decodes the warm-up photo
 * ({@link ClassifierWarmUp#rehearseDecoding}) and rehearses the S3 SDK's request path ({@link S3Rehearsal}): work that
 * would otherwise come after the boot. Neither touches the network or credentials, so both are safe in a SnapStart
 * snapshot. Nothing here logs: Quarkus has not set up logging yet.
 * <p>
 * It does not implement {@code RequestStreamHandler}, which would make Quarkus' build see a second handler beside its
 * API Gateway one: the runtime finds {@link #handleRequest} by name and signature. The native executable runs
 * Quarkus' own poll loop, not this class; there the same work happens during start-up.
 */
public class ManagedRuntimeHandler {

    private final QuarkusStreamHandler quarkus;

    /** Created once, by the runtime, in the Init phase. */
    public ManagedRuntimeHandler() {
        Thread early = new Thread(ManagedRuntimeHandler::startEarly, "early-start");
        early.setDaemon(true);
        early.start();
        quarkus = new QuarkusStreamHandler(); // initialises Quarkus
    }

    private static void startEarly() {
        try {
            OrtEnvironment.getEnvironment(); // the model session, created during Quarkus' start-up, reuses it
            ClassifierWarmUp.rehearseDecoding();
        } catch (RuntimeException | LinkageError e) {
            // Start-up proper meets the same failure, where it can be logged and fail the start.
        }
        S3Rehearsal.run();
    }

    /**
     * Called by the runtime for each invocation, found by its name and signature. An Error goes to the runtime as
     * itself, not as the {@link EnvironmentFailureException} that carries it through Quarkus: the runtime reports it
     * as a function error and, for a VirtualMachineError such as OutOfMemoryError, stops asking for work, after which
     * the process ends (see {@link #endAfter}) so that Lambda starts a fresh one.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            quarkus.handleRequest(input, output, context);
        } catch (EnvironmentFailureException e) {
            if (e.error() instanceof VirtualMachineError) {
                endAfter(Thread.currentThread());
            }
            throw e.error();
        }
    }

    /**
     * Ends the process once the runtime's loop, which stops after reporting a VirtualMachineError, has ended. The loop's
     * return alone would leave the process up, held by Quarkus' non-daemon threads, with no one asking for the next
     * invocation. Halted rather than shut down: after such an error nothing in the process is trusted to run.
     */
    private static void endAfter(Thread runtimeLoop) {
        Thread end = new Thread(() -> {
            try {
                runtimeLoop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "end-after-vm-error");
        end.setDaemon(true);
        end.start();
    }
}
