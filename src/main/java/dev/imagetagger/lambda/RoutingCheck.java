package dev.imagetagger.lambda;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails start-up unless a non-HTTP invocation takes the whole path of this package: read as Quarkus reads every
 * invocation, handled by the handler bean Quarkus calls, and written as Quarkus writes every answer, it must come out
 * as the dispatcher's answer. Without this check, a change in Quarkus that stopped applying the decorator would let
 * every S3 event reach the REST layer as an empty HTTP request, and nothing would be tagged, silently. The probe is an
 * S3 notification that names no created object: nothing is read from S3 and nothing is logged.
 */
@ApplicationScoped
class RoutingCheck {

    static final String PROBE = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectRemoved:Delete\"}]}";
    static final String EXPECTED = "{\"results\":[]}";

    void check(@Observes StartupEvent start, ObjectMapper json) throws IOException {
        APIGatewayV2HTTPEvent event = json.readerFor(APIGatewayV2HTTPEvent.class).readValue(PROBE);
        if (!(event instanceof NonHttpEvent)) {
            throw new IllegalStateException("An S3 event was read as an API Gateway request: "
                    + EventShapesCustomizer.class.getName() + " no longer applies to the Lambda ObjectMapper.");
        }
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = Arc.container()
                .instance(LambdaHttpHandler.class).get();
        if (handler == null) {
            throw new IllegalStateException(LambdaHttpHandler.class.getName() + " is no longer a CDI bean: "
                    + NonHttpEventRouter.class.getName() + " cannot decorate it.");
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new ProbeContext());
        if (!(response instanceof NonHttpResponse)) {
            throw new IllegalStateException(NonHttpEventRouter.class.getName() + " no longer decorates "
                    + LambdaHttpHandler.class.getName() + ": S3 events would reach the REST layer as empty requests.");
        }
        String written = json.writerFor(APIGatewayV2HTTPResponse.class).writeValueAsString(response);
        if (!written.equals(EXPECTED)) {
            throw new IllegalStateException("The answer to an S3 event was written as " + written + ", not as "
                    + EXPECTED + ": " + EventShapesCustomizer.class.getName() + " no longer writes answers.");
        }
    }

    /** The Lambda context of the probe: only the request id is read. */
    private static final class ProbeContext implements Context {

        @Override
        public String getAwsRequestId() {
            return "start-up-routing-check";
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return null;
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
