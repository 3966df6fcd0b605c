package dev.imagetagger.lambda;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.imagetagger.events.EventDispatcher;

/**
 * Routes non-HTTP invocations past the HTTP handler to the {@link EventDispatcher}; HTTP requests go on to the REST
 * layer, and a payload 1.0 request (a REST API) gets its answer in the 1.0 shape. An exception from the dispatcher
 * becomes a Lambda function error, which keeps Lambda's retries and on-failure destinations working; so does an Error
 * on either path, handed on as an exception ({@link EnvironmentFailures}). {@link RoutingCheck} proves at start-up
 * that this decorator applies.
 */
@Decorator
@Priority(10)
public abstract class NonHttpEventRouter implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    @Any
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http;

    @Inject
    EventDispatcher dispatcher;

    @Inject
    EnvironmentFailures environmentFailures;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            if (event instanceof NonHttpEvent nonHttp) {
                return new NonHttpResponse(
                        AnswerWriter.write(dispatcher.handle(nonHttp.json(), context.getAwsRequestId())));
            }
            APIGatewayV2HTTPResponse response = http.handleRequest(event, context);
            environmentFailures.rethrowHeld(context);
            return PayloadFormat1.wasRequest(event)
                    ? new NonHttpResponse(PayloadFormat1.toVersion1(response))
                    : response;
        } catch (Error e) {
            throw new EnvironmentFailureException(e);
        }
    }
}
