package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The preflight names what is missing and how to get it. */
class HostTest {
    @Test
    void aMissingToolIsNamedWithItsPackageAndTheInstallCommand() {
        Host.PACKAGES.putIfAbsent("boxlab-no-such-tool", "boxlab-no-such-package");
        String msg = Host.missingToolsMessage(List.of("bash", "boxlab-no-such-tool"));
        assertEquals("missing tools:\n  boxlab-no-such-tool  (Debian package boxlab-no-such-package)\n"
                + "install them with:  sudo apt-get install -y boxlab-no-such-package", msg);
        assertNull(Host.missingToolsMessage(List.of("bash")));
    }

    @Test
    void preflightListsEveryProblemAtOnce() {
        LabException e = assertThrows(LabException.class, () -> Host.preflight(List.of("boxlab-missing-a", "boxlab-missing-b")));
        assertTrue(e.getMessage().startsWith("boxlab cannot start a lab here:"), e.getMessage());
        assertTrue(e.getMessage().contains("boxlab-missing-a") && e.getMessage().contains("boxlab-missing-b"), e.getMessage());
    }
}
