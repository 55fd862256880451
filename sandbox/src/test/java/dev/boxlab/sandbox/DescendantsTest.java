package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DescendantsTest {
    @Test
    void theProcessesUnderOneAreTheOnesProcessHandleFinds() throws Exception {
        // a child with a grandchild of its own, and a second child
        Process p = new ProcessBuilder("sh", "-c", "sh -c 'sleep 30; :' & sleep 30 & wait").start();
        try {
            Set<Long> expected = Set.of();
            for (int i = 0; i < 200 && expected.size() < 3; i++) {
                Thread.sleep(20);
                expected = p.toHandle().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
            }
            assertEquals(3, expected.size(), "sh, its sleep and the second sleep started");
            assertEquals(expected, Descendants.of(p.toHandle()));
            Descendants.kill(Descendants.of(p.toHandle()));
            p.waitFor();
            assertTrue(Descendants.of(p.toHandle()).isEmpty(), "a process gone has no descendants");
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
