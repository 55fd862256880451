package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.HostState;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.RootOnly;
import dev.boxlab.sandbox.RunningLab;

/** Root: {@code boxlab shell} finds a running lab from outside and what it runs there lands in that lab. */
class ShellCommandTest {
    @Test
    void aCommandRunInBoxlabShellLandsInTheRunningLab() {
        RootOnly.require();
        HostState before = HostState.capture();
        String id;
        try (Lab lab = Lab.start()) {
            id = lab.id();
            assertTrue(RunningLab.find().stream().anyMatch(l -> l.id().equals(lab.id()) && l.initPid() == lab.initPid()));
            var r = CommandLineTest.run("shell", "--lab", lab.id().substring(0, 6), "-c", "ip netns add fromshell && hostname");
            assertEquals(0, r.code(), r.err());
            assertTrue(lab.run("ip netns list").output().contains("fromshell"), "the shell's command is not in the lab");
            assertFalse(HostState.capture().netns().contains("fromshell"), "the shell's command reached the machine");

            var wrong = CommandLineTest.run("shell", "--lab", "zzzz", "-c", "true");
            assertEquals(2, wrong.code());
            assertTrue(wrong.err().contains("no running lab 'zzzz'; running labs: "), wrong.err());
            assertTrue(wrong.err().contains(lab.id()), wrong.err());
        }
        assertTrue(RunningLab.find().stream().noneMatch(l -> l.id().equals(id)), "an ended lab is still found");
        assertEquals("", HostState.leftoversSince(before));
    }
}
