package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.HostState;
import dev.boxlab.sandbox.RootOnly;

/** Root: boxlab killed with SIGKILL in the middle of a lesson leaves nothing on the machine. */
class KillTest {
    @Test
    void sigkillInTheMiddleOfTheNetworkingLessonLeavesNothing() throws Exception {
        RootOnly.require();
        HostState before = HostState.capture();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process boxlab = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--lesson", "networking", "--run-all").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(boxlab.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean reached = false;
            while ((line = out.readLine()) != null) {
                // step 7 has a bridge, veths, namespaces, forwarding and NAT rules in place
                if (line.contains("Step 7/12")) {
                    reached = true;
                    break;
                }
            }
            assertTrue(reached, "boxlab ended before step 7");
            List<String> during = HostState.capture().processes();
            assertTrue(during.stream().anyMatch(p -> p.contains("boxlab-lab-")), "no lab is running: " + during);
            boxlab.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(boxlab.waitFor(5, TimeUnit.SECONDS));
            assertEquals(137, boxlab.exitValue());
        } finally {
            boxlab.destroyForcibly();
        }
        assertEquals("", HostState.leftoversSince(before), "a killed boxlab left this behind");
    }
}
