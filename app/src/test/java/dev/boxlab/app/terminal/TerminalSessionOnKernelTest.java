package dev.boxlab.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.boxlab.sandbox.CommandHook;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.MachineUnchanged;
import dev.boxlab.sandbox.RootOnly;
import dev.boxlab.sandbox.RunningLab;

/** Root: the learner's shell on a pty inside a lab on the real kernel, as a person types into it. */
@ExtendWith(MachineUnchanged.class)
class TerminalSessionOnKernelTest {
    static Lab lab;
    static CommandHook hook;
    static final BlockingQueue<CommandHook.Event> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startLab() {
        RootOnly.require();
        lab = Lab.start();
        hook = CommandHook.install(lab.initPid(), lab.transcript());
        hook.onCommand(events::add);
    }

    @AfterAll
    static void endLab() {
        if (hook != null) {
            hook.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    static TerminalSession shell() {
        events.clear();
        return TerminalSession.start(lab.shellCommand(TerminalSession.TERM), 100, 30);
    }

    static void waitFor(TerminalSession t, String what, Predicate<VtScreen> p, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (p.test(t.screen())) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        fail("waited " + millis + " ms for " + what + "; the screen:\n" + t.screen().text());
    }

    /** The row the cursor is on, as text. */
    static String cursorLine(VtScreen s) {
        return s.line(s.cursorRow()).stripTrailing();
    }

    static CommandHook.Event event(String command) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        CommandHook.Event e;
        while ((e = events.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS)) != null) {
            if (e.command().equals(command)) {
                return e;
            }
        }
        throw new AssertionError("no event for " + command);
    }

    @Test
    void enteringANamespaceWithBashAndLeavingIt() throws Exception {
        try (TerminalSession t = shell()) {
            waitFor(t, "the lab-host prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            t.type("ip netns add netns0 && ip link add veth0 type veth peer name ceth0 netns netns0\r");
            assertEquals(0, event("ip netns add netns0 && ip link add veth0 type veth peer name ceth0 netns netns0").exitCode());
            t.type("ip netns exec netns0 bash\r");
            waitFor(t, "the netns0 prompt", s -> cursorLine(s).equals("netns0#"), 5000);
            t.type("ip -br addr\r");
            CommandHook.Event inside = event("ip -br addr");
            assertEquals("netns0", inside.where(), "the nested bash reports where it is");
            waitFor(t, "ceth0 listed", s -> s.text().contains("ceth0"), 3000);
            assertFalse(t.screen().text().lines().anyMatch(l -> l.startsWith("veth0")), t.screen().text());
            t.type("exit\r");
            waitFor(t, "back on the lab host", s -> cursorLine(s).equals("lab-host#"), 3000);
            t.type("clear; ip -br link\r");
            waitFor(t, "veth0 listed on the lab host", s -> s.text().contains("veth0@"), 3000);
            assertEquals("lab-host", event("clear; ip -br link").where());

            t.type("nsenter --net=/run/netns/netns0 bash\r");
            waitFor(t, "the netns0 prompt from nsenter", s -> cursorLine(s).equals("netns0#"), 5000);
            t.type("exit\r");
            waitFor(t, "back again", s -> cursorLine(s).equals("lab-host#"), 3000);
            t.type("ip netns del netns0\r");
            event("ip netns del netns0");
        }
    }

    @Test
    void ctrlCEndsPingAndTheNextCommandRuns() throws Exception {
        try (TerminalSession t = shell()) {
            waitFor(t, "the prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            t.type("ping 192.0.2.1\r");
            waitFor(t, "ping replies", s -> s.text().contains("bytes from 192.0.2.1"), 5000);
            long sent = System.currentTimeMillis();
            t.type("\u0003");
            waitFor(t, "the prompt after Ctrl-C", s -> cursorLine(s).equals("lab-host#"), 2000);
            assertTrue(System.currentTimeMillis() - sent < 2000);
            event("ping 192.0.2.1");
            t.type("echo next-ran\r");
            waitFor(t, "the next command's output", s -> s.text().contains("\nnext-ran"), 3000);
        }
    }

    @Test
    void topOpensAndQClosesItWithTheScreenIntact() {
        try (TerminalSession t = shell()) {
            waitFor(t, "the prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            t.type("top\r");
            waitFor(t, "top's summary", s -> s.text().contains("Tasks:") && s.text().contains("PID"), 5000);
            t.type("q");
            waitFor(t, "the prompt after top", s -> cursorLine(s).equals("lab-host#"), 3000);
            assertFalse(t.screen().alternateScreen());
            t.type("echo after-top\r");
            waitFor(t, "the next command's output", s -> s.text().contains("\nafter-top"), 3000);
        }
    }

    @Test
    void resizingThePtyReachesThePrograms() {
        try (TerminalSession t = shell()) {
            waitFor(t, "the prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            t.resize(70, 20);
            t.type("stty size\r");
            waitFor(t, "the new size", s -> s.text().contains("\n20 70"), 3000);
        }
    }

    @Test
    void theHookReportsCommandsTypedInASecondShell() throws Exception {
        // boxlab shell from a second terminal runs this command line
        List<String> cmd = new RunningLab(lab.id(), lab.initPid(), java.time.Instant.now()).shellCommand(null, "xterm");
        try (TerminalSession second = TerminalSession.start(cmd, 80, 24)) {
            waitFor(second, "the prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            long typed = System.currentTimeMillis();
            second.type("false\r");
            CommandHook.Event e = event("false");
            assertEquals(1, e.exitCode());
            assertTrue(e.at().toEpochMilli() - typed < 1000, "reported within a second");
            assertTrue(lab.transcript().entries().stream().anyMatch(x -> x.result().command().equals("false")
                    && x.result().exitCode() == 1), "the transcript records it");
        }
    }

    @Test
    void keysTypedWhileTheShellStartsAreKept() {
        try (TerminalSession t = shell()) {
            t.type("echo typed-$((40+2))\r"); // at once, before bash has its first prompt up
            waitFor(t, "the early command's output", s -> s.text().contains("\ntyped-42"), 10_000);
        }
    }

    @Test
    void exitStartsANewShell() {
        try (TerminalSession t = shell()) {
            waitFor(t, "the prompt", s -> cursorLine(s).equals("lab-host#"), 10_000);
            t.type("exit\r");
            waitFor(t, "a new shell", s -> s.text().contains("a new one starts") && cursorLine(s).equals("lab-host#"), 5000);
            t.type("echo still-here\r");
            waitFor(t, "it runs commands", s -> s.text().contains("\nstill-here"), 3000);
        }
    }
}
