package dev.imagetagger.infra;

import static dev.imagetagger.infra.SamTemplate.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imagetagger.classify.ClassifyConfig;
import dev.imagetagger.model.ModelConfig;
import dev.imagetagger.tagging.TagSchema;
import io.smallrye.config.ConfigMapping;

/** The function's runtime, configuration and logs, and the HTTP APIs in front of it. */
class TemplateFunctionAndApiTest {

    private final SamTemplate template = SamTemplate.load();

    /**
     * A tag key prefix the function would refuse at start-up must be refused at deploy time, and one it accepts must
     * deploy: the parameter's AllowedPattern is the function's rule, and both judge documented-style examples alike.
     */
    @Test
    void theTagKeyPrefixParameterAcceptsExactlyThePrefixesTheFunctionAccepts() {
        String allowed = template.root().path("Parameters").path("TagKeyPrefix").path("AllowedPattern").asText();
        assertEquals(TagSchema.PREFIX_RULE, allowed);

        Pattern parameter = Pattern.compile(allowed);
        for (String prefix : List.of("tagger-", "Project", "photos/ai:", "a+b=c.d_e@f", "étiquette ", "写真-",
                "x".repeat(120), "", "x".repeat(121), "aws:tagger-", "AWS:tagger-", "tag,ger", "tag\tger", "tag*",
                "tag#ger", "jack-o'-lantern")) {
            boolean functionAccepts;
            try {
                new TagSchema(prefix);
                functionAccepts = true;
            } catch (IllegalArgumentException e) {
                functionAccepts = false;
            }
            assertEquals(functionAccepts, parameter.matcher(prefix).matches(), prefix);
        }
        assertTrue(parameter.matcher(template.defaults().get("TagKeyPrefix")).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "arm64"})
    void theNativeBuildRunsOnTheProvidedAl2023RuntimeForTheChosenArchitecture(String architecture) {
        SamTemplate deployed = template.resolve(Map.of("Build", "native", "Architecture", architecture));
        JsonNode function = deployed.properties("ImageTaggerFunction");

        assertEquals("provided.al2023", function.path("Runtime").asText());
        assertEquals("not.used.in.provided.runtime", function.path("Handler").asText());
        assertEquals(1, function.path("Architectures").size());
        assertEquals(architecture, deployed.evaluate(function.path("Architectures").get(0)));
        assertFalse(function.has("SnapStart"), "SnapStart does not support custom runtimes");
        assertEquals("true", environment(function).path("DISABLE_SIGNAL_HANDLERS").asText());
        assertEquals(yaml("{Ref: Architecture}"), template.properties("ImageTaggerFunction").path("Architectures").get(0));
    }

    /** The aot build's zip starts through its own bootstrap, as the native one does, but it is a JVM: no signal switch. */
    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "arm64"})
    void theAotBuildRunsItsBootstrapOnTheProvidedAl2023RuntimeForTheChosenArchitecture(String architecture) {
        SamTemplate deployed = template.resolve(Map.of("Build", "aot", "Architecture", architecture));
        JsonNode function = deployed.properties("ImageTaggerFunction");

        assertEquals("provided.al2023", function.path("Runtime").asText());
        assertEquals("not.used.in.provided.runtime", function.path("Handler").asText());
        assertEquals(architecture, deployed.evaluate(function.path("Architectures").get(0)));
        assertFalse(function.has("SnapStart"), "SnapStart does not support custom runtimes");
        assertFalse(environment(function).has("DISABLE_SIGNAL_HANDLERS"), "a native-image switch");
        // The bootstrap holds the JVM flags the AOT cache was trained with: the JVM would set the cache aside for some
        // others (another collector, say), so the template passes none.
        assertFalse(environment(function).has("JAVA_TOOL_OPTIONS"), () -> environment(function).toString());
        JsonNode builds = template.root().at("/Parameters/Build/AllowedValues");
        assertTrue(builds.toString().contains("\"aot\""), builds::toString);
    }

    @Test
    void theJvmBuildRunsOnJava25WithSnapStart() {
        SamTemplate deployed = template.resolve(Map.of("Build", "jvm"));
        JsonNode function = deployed.properties("ImageTaggerFunction");

        assertEquals("java25", function.path("Runtime").asText());
        assertEquals("dev.imagetagger.lambda.ManagedRuntimeHandler::handleRequest", function.path("Handler").asText());
        assertEquals(yaml("{ApplyOn: PublishedVersions}"), function.path("SnapStart"));
        // SnapStart restores published versions only, so every trigger has to invoke the alias SAM publishes.
        assertTrue(function.path("AutoPublishAlias").isTextual() && !function.path("AutoPublishAlias").asText().isBlank());
        assertFalse(environment(function).has("DISABLE_SIGNAL_HANDLERS"));
        assertEquals("x86_64", deployed.evaluate(function.path("Architectures").get(0)));
    }

    /**
     * java25 starts SnapStart versions with the JVM's default compilation (C2 included), which the checkpoint hook
     * primes; JAVA_TOOL_OPTIONS must not take C2 away, and must open java.lang for jboss-threads on Java 24 and later.
     */
    @Test
    void theJvmBuildsJavaToolOptionsKeepC2AndOpenJavaLang() {
        JsonNode jvm = environment(template.resolve(Map.of("Build", "jvm")).properties("ImageTaggerFunction"));
        List<String> options = List.of(jvm.path("JAVA_TOOL_OPTIONS").asText().split(" "));

        assertTrue(options.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), options.toString());
        assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"), options.toString());
        assertTrue(options.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel")
                || o.equals("-XX:-TieredCompilation") || o.startsWith("-XX:CompilationMode") || o.equals("-Xint")),
                options.toString());
        JsonNode nativeBuild = environment(template.resolve(Map.of("Build", "native"))
                .properties("ImageTaggerFunction"));
        assertFalse(nativeBuild.has("JAVA_TOOL_OPTIONS"), "no JVM in the native build");
    }

    @Test
    void everyBuildDeploysTheFileItsBuildWrites() {
        // Relative to the template's folder, as SAM resolves it: <project>/target/function.zip for every build.
        String codeUri = template.properties("ImageTaggerFunction").path("CodeUri").asText();
        Path infra = SamTemplate.PATH.toAbsolutePath().getParent();
        assertEquals(infra.getParent().resolve("target/function.zip").normalize(), infra.resolve(codeUri).normalize());
    }

    @Test
    void sizeTimeoutAndConcurrencyComeFromTheParameters() {
        JsonNode byDefault = template.resolve(Map.of()).properties("ImageTaggerFunction");
        assertEquals("1024", template.defaults().get("MemorySize"));
        assertFalse(byDefault.has("ReservedConcurrentExecutions"), "-1 reserves nothing");

        SamTemplate deployed = template.resolve(Map.of("MemorySize", "2048", "Timeout", "60", "ReservedConcurrency", "10",
                "IntraOpThreads", "2"));
        JsonNode function = deployed.properties("ImageTaggerFunction");
        assertEquals("2048", deployed.evaluate(function.path("MemorySize")));
        assertEquals("60", deployed.evaluate(function.path("Timeout")));
        assertEquals("10", deployed.evaluate(function.path("ReservedConcurrentExecutions")));
        assertEquals("2", deployed.evaluate(environment(function).path("TAGGER_MODEL_THREADS_INTRA_OP")));
    }

    @Test
    void theFunctionLogsToItsOwnLogGroupWithRetention() {
        SamTemplate deployed = template.resolve(Map.of("LogRetentionDays", "14"));
        assertEquals("AWS::Logs::LogGroup", deployed.resource("FunctionLogGroup").path("Type").asText());
        assertEquals("14", deployed.evaluate(deployed.properties("FunctionLogGroup").path("RetentionInDays")));
        assertEquals(yaml("{Ref: FunctionLogGroup}"),
                deployed.properties("ImageTaggerFunction").path("LoggingConfig").path("LogGroup"));
        assertEquals("30", template.defaults().get("LogRetentionDays"));
    }

    @Test
    void theFunctionIsConfiguredThroughTheVariablesItsConfigMappingsRead() {
        JsonNode environment = environment(template.properties("ImageTaggerFunction"));
        assertTrue(environment.has(environmentName(ClassifyConfig.class, "topK")));
        assertTrue(environment.has(environmentName(ModelConfig.class, "threads", "intraOp")));
        // Read by the S3 event handling (not on this branch yet): names agreed in issue 4.
        for (String name : List.of("TAGGER_S3_ALLOWED_BUCKETS", "TAGGER_TAGS_PREFIX", "TAGGER_TAGS_KEY_PREFIXES",
                "TAGGER_TAGS_KEY_SUFFIXES")) {
            assertTrue(environment.has(name), name);
        }
        assertEquals("tagger-", template.defaults().get("TagKeyPrefix"));
        assertEquals(yaml("{Ref: TagKeyPrefix}"), environment.path("TAGGER_TAGS_PREFIX"));
        assertEquals(yaml("{Ref: KeyPrefix}"), environment.path("TAGGER_TAGS_KEY_PREFIXES"));
        assertEquals(yaml("{Ref: KeySuffix}"), environment.path("TAGGER_TAGS_KEY_SUFFIXES"));
    }

    @Test
    void theHttpApiAuthorisesWithIamByDefault() {
        JsonNode auth = template.properties("HttpApi").path("Auth");
        assertEquals("AWS_IAM", auth.path("DefaultAuthorizer").asText());
        assertTrue(auth.path("EnableIamAuthorizer").asBoolean());
        assertFalse(template.resource("HttpApi").has("Condition"));

        Set<String> routes = new TreeSet<>();
        template.properties("ImageTaggerFunction").path("Events").properties().forEach(e -> {
            JsonNode event = e.getValue();
            if (event.path("Type").asText().equals("HttpApi")) {
                JsonNode properties = event.path("Properties");
                assertEquals(yaml("{Ref: HttpApi}"), properties.path("ApiId"), e.getKey());
                assertFalse(properties.has("Auth"), () -> e.getKey() + " must keep the API's default authoriser");
                assertEquals("2.0", properties.path("PayloadFormatVersion").asText(), e.getKey());
                routes.add(properties.path("Method").asText() + " " + properties.path("Path").asText());
            }
        });
        assertEquals(Set.of("GET /model", "POST /classify"), routes);
    }

    @Test
    void noHttpApiHasAnOpenRoute() {
        for (var api : template.resourcesOfType("AWS::Serverless::HttpApi").entrySet()) {
            JsonNode auth = api.getValue().path("Properties").path("Auth");
            String authoriser = auth.path("DefaultAuthorizer").asText("");
            assertFalse(authoriser.isEmpty() || authoriser.equals("NONE"), api.getKey());
            assertTrue(authoriser.equals("AWS_IAM") ? auth.path("EnableIamAuthorizer").asBoolean()
                    : auth.path("Authorizers").has(authoriser), () -> api.getKey() + " names an undefined authoriser");
            api.getValue().path("Properties").path("DefinitionBody").path("paths").forEach(path -> path.forEach(
                    operation -> assertFalse(operation.has("security"), () -> api.getKey() + " overrides its authoriser")));
        }
    }

    @Test
    void theJwtApiExistsOnlyWithAnIssuerAndAnAudience() {
        SamTemplate byDefault = template.resolve(Map.of());
        assertFalse(byDefault.has("JwtHttpApi"));
        assertFalse(byDefault.root().path("Outputs").has("JwtApiUrl"));
        assertFalse(template.rulesAccept(Map.of("JwtIssuer", "https://issuer.example")));
        assertFalse(template.rulesAccept(Map.of("JwtAudience", "client")));

        SamTemplate deployed = template.resolve(Map.of("JwtIssuer", "https://issuer.example", "JwtAudience", "client"));
        JsonNode authoriser = deployed.properties("JwtHttpApi").path("Auth").path("Authorizers").path("JwtAuthorizer");
        assertEquals("https://issuer.example", deployed.evaluate(authoriser.path("JwtConfiguration").path("issuer")));
        assertEquals("client", deployed.evaluate(authoriser.path("JwtConfiguration").path("audience").get(0)));
        assertEquals("$request.header.Authorization", authoriser.path("IdentitySource").asText());

        Set<String> routes = new TreeSet<>();
        deployed.properties("JwtHttpApi").path("DefinitionBody").path("paths").properties().forEach(path ->
                path.getValue().properties().forEach(operation -> {
                    routes.add(operation.getKey().toUpperCase() + " " + path.getKey());
                    JsonNode integration = operation.getValue().path("x-amazon-apigateway-integration");
                    assertEquals("2.0", integration.path("payloadFormatVersion").asText());
                    assertEquals("aws_proxy", integration.path("type").asText());
                    assertEquals("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/<Ref ImageTaggerFunction.Alias>/invocations",
                            deployed.evaluate(integration.path("uri")));
                }));
        assertEquals(Set.of("GET /model", "POST /classify"), routes);
        assertEquals("arn:aws:execute-api:eu-west-1:123456789012:<Ref JwtHttpApi>/*/*/*",
                deployed.evaluate(deployed.properties("JwtHttpApiInvokePermission").path("SourceArn")));
    }

    @Test
    void theOutputsNameWhatAUserNeeds() {
        JsonNode outputs = template.resolve(Map.of()).root().path("Outputs");
        assertEquals(yaml("{Fn::Sub: 'https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}'}"),
                outputs.path("ApiUrl").path("Value"));
        assertEquals(yaml("{Ref: ImagesBucket}"), outputs.path("BucketName").path("Value"));
        assertEquals(yaml("{Ref: ImageTaggerFunction}"), outputs.path("FunctionName").path("Value"));
        assertEquals(yaml("{Fn::GetAtt: [ImageTaggerFunction, Arn]}"), outputs.path("FunctionArn").path("Value"));
        assertEquals(yaml("{Ref: OnFailureQueue}"), outputs.path("OnFailureQueueUrl").path("Value"));
    }

    private static JsonNode environment(JsonNode function) {
        return function.path("Environment").path("Variables");
    }

    /** The environment variable SmallRye Config maps onto a {@code @ConfigMapping} method path. */
    private static String environmentName(Class<?> mapping, String... methods) {
        StringBuilder name = new StringBuilder(mapping.getAnnotation(ConfigMapping.class).prefix());
        Class<?> type = mapping;
        for (String method : methods) {
            Method m = findMethod(type, method);
            type = m.getReturnType();
            name.append('.').append(method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
        }
        String result = name.toString().replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
        assertNotEquals("", result);
        return result;
    }

    private static Method findMethod(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getName() + " has no " + name + "(): the template's variable is stale", e);
        }
    }
}
