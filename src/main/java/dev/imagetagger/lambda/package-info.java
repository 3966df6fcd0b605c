/**
 * The Lambda plumbing that lets one Quarkus function serve every trigger: API Gateway requests go to the REST layer
 * ({@code api}), every other invocation to {@link dev.imagetagger.events.EventDispatcher}. Nothing else in the code
 * knows Lambda's wire formats.
 *
 * <h2>The request path</h2>
 * <ol>
 * <li>Quarkus' Lambda poll loop ({@code AbstractLambdaPollLoop}) takes the next invocation from the Lambda Runtime
 * API ({@code /runtime/invocation/next}); in tests the mock event server plays that API, turning HTTP calls into API
 * Gateway v2 events and passing raw events POSTed to {@code /_lambda_} as they are.</li>
 * <li>The one handler of the function is Quarkus' API Gateway handler, {@code LambdaHttpHandler}, a
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>}. So the loop reads every invocation with
 * {@code readerFor(APIGatewayV2HTTPEvent.class)} of its ObjectMapper.</li>
 * <li>Jackson reaches our modifier ({@link dev.imagetagger.lambda.EventShapesCustomizer}): it reads the body as a
 * tree, and when the tree is not an HTTP request ({@link dev.imagetagger.events.Invocations#isHttp}) it answers a
 * {@link dev.imagetagger.lambda.NonHttpEvent}, an {@code APIGatewayV2HTTPEvent} carrying the raw JSON. An HTTP
 * request is replayed into Jackson's own API Gateway deserializer, untouched; a payload 1.0 request (a REST API) is
 * first translated into the 2.0 shape ({@link dev.imagetagger.lambda.PayloadFormat1}).</li>
 * <li>The loop calls the handler bean. Our CDI decorator ({@link dev.imagetagger.lambda.NonHttpEventRouter}) sits in
 * front of it: a {@code NonHttpEvent} goes to the dispatcher, anything else on to the REST layer (and the answer to a
 * 1.0 request back into the 1.0 shape).</li>
 * <li>The dispatcher reads the JSON into an {@link dev.imagetagger.events.Invocation} (once, at this edge), tags the
 * objects and returns an {@link dev.imagetagger.events.Answer}; {@link dev.imagetagger.lambda.AnswerWriter} turns it
 * into the shape the trigger reads (SQS {@code batchItemFailures}, Batch Operations {@code results}), wrapped in a
 * {@link dev.imagetagger.lambda.NonHttpResponse}.</li>
 * <li>The loop writes the answer with {@code writerFor(APIGatewayV2HTTPResponse.class)}; the modifier writes a
 * {@code NonHttpResponse} as its own JSON instead of as an HTTP response.</li>
 * </ol>
 *
 * <h2>The Quarkus behaviours this relies on</h2>
 * <ul>
 * <li>Quarkus allows one handler per function, and with {@code quarkus-amazon-lambda-http} that is
 * {@code LambdaHttpHandler}: hence the API Gateway types as the carriers of every invocation.</li>
 * <li>The poll loop's ObjectMapper is a copy of the application's CDI ObjectMapper
 * ({@code AmazonLambdaMapperRecorder}), so an {@code ObjectMapperCustomizer} reaches it.</li>
 * <li>The loop obtains the handler as a CDI bean ({@code BeanContainer.beanInstance}), so a {@code @Decorator} of
 * its type applies.</li>
 * <li>An exception from the handler is reported to Lambda as a function error (so retries and on-failure
 * destinations work); {@code quarkus.lambda.expected-exceptions} lists those logged without a stack trace.</li>
 * </ul>
 * If one of these changed, S3 events would silently reach the REST layer as empty HTTP requests.
 * {@link dev.imagetagger.lambda.RoutingCheck} takes a probe invocation along the whole path at start-up and fails the
 * start (the Lambda Init phase) loudly if it does not arrive.
 */
package dev.imagetagger.lambda;
