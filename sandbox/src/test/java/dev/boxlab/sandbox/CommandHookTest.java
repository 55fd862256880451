package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The hook's lines and its rc file, without a lab. */
class CommandHookTest {
    @Test
    void aLineIsPidExitWhereWaitCommand() {
        CommandHook.Event e = CommandHook.parse("82\t1\tnetns0\t\tip -br addr\tx", Instant.EPOCH);
        assertEquals(82, e.shellPid());
        assertEquals(1, e.exitCode());
        assertEquals("netns0", e.where());
        assertEquals("ip -br addr\tx", e.command(), "the command is the rest of the line");
        assertFalse(e.waiting());
        assertTrue(CommandHook.parse("7\t0\tlab-host\twait\t:hint", Instant.EPOCH).waiting());
        assertNull(CommandHook.parse("not a line", Instant.EPOCH));
        assertNull(CommandHook.parse("x\t0\tlab-host\t\tls", Instant.EPOCH));
    }

    @Test
    void theRcFileIsBash() throws Exception {
        Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        p.getOutputStream().write(CommandHook.BASHRC.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
