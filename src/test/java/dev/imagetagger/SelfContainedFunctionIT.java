package dev.imagetagger;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link SelfContainedFunctionTest} against the native executable ({@code ./mvnw verify -Dnative}). Only the native
 * build polls the Lambda runtime API itself; the JVM build is driven by Lambda's Java runtime, which
 * {@link ManagedJavaRuntimeIT} runs instead (see the pom).
 */
@QuarkusIntegrationTest
class SelfContainedFunctionIT extends SelfContainedFunctionTest {
}
