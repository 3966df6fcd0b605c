package dev.imagetagger.lambda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Makes an {@link Error} raised while an invocation is handled (the environment failing, not the event) a Lambda
 * function error, whichever loop polls the Runtime API. Quarkus' own poll loop, which the native build runs, catches
 * exceptions only: an Error would end its polling without an answer, and the invocation would hang until the
 * function's timeout. So {@link NonHttpEventRouter} hands it on as an {@link EnvironmentFailureException}. The REST
 * layer catches an Error itself, on its own thread, and would answer a 500 as if all were well: its mapper here holds
 * the Error by request id until the router, back on the invocation's thread, takes it.
 */
@Singleton
public class EnvironmentFailures {

    private final Map<String, Error> heldByRequestId = new ConcurrentHashMap<>();

    /** An Error in the REST layer: held for the invocation; outside Lambda (dev mode), Quarkus' own 500. */
    @ServerExceptionMapper
    public Response restLayerError(Error error, HttpServerRequest request) {
        Context invocation = request.headers() instanceof QuarkusHttpHeaders headers
                ? (Context) headers.getContextObjects().get(Context.class)
                : null;
        if (invocation == null) {
            return null;
        }
        heldByRequestId.put(invocation.getAwsRequestId(), error);
        return Response.serverError().build(); // never sent: the invocation fails instead
    }

    /** Throws the Error the REST layer held for this invocation, if any. */
    void rethrowHeld(Context invocation) {
        Error held = heldByRequestId.remove(invocation.getAwsRequestId());
        if (held != null) {
            throw new EnvironmentFailureException(held);
        }
    }
}
