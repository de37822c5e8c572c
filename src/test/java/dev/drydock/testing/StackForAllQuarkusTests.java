package dev.drydock.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Carries the one test-resource registration that applies to every {@code @QuarkusTest}. */
@QuarkusTestResource(DrydockStackResource.class)
public final class StackForAllQuarkusTests {

    private StackForAllQuarkusTests() {}
}
