package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For root test classes: needs root (see {@link RootOnly}), captures the machine before the class
 * and fails it if anything is left afterwards. Use with {@code @ExtendWith(MachineUnchanged.class)}.
 */
public final class MachineUnchanged implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MachineUnchanged.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RootOnly.require();
        context.getStore(NS).put("before", HostState.capture());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        HostState before = context.getStore(NS).get("before", HostState.class);
        if (before != null) {
            assertEquals("", HostState.leftoversSince(before),
                    context.getDisplayName() + " left something on the machine");
        }
    }
}
