package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Root integration tests call this first. Without root they skip, unless the run demands them
 * ({@code -Dboxlab.requireRoot=true}, as scripts/test does), where a skip would hide a gap.
 */
public final class RootOnly {
    private RootOnly() {}

    public static void require() {
        if (Host.isRoot()) {
            return;
        }
        if (Boolean.getBoolean("boxlab.requireRoot")) {
            fail("this test needs root and the run requires root tests: run sudo scripts/test");
        }
        assumeTrue(false, "needs root");
    }
}
