package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Root: the kernel's netlink events of a lab, on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class LabEventsTest {
    /** Bounds for a loaded machine, not speeds: an event that never comes fails here. */
    private static final long WAIT_SECONDS = 10;

    @Test
    void changesOfTheLabsNetworkAreToldAndNoNamespaceIsPinned() throws Exception {
        RootOnly.require();
        Semaphore events = new Semaphore(0);
        long monitor;
        try (Lab lab = Lab.start(); LabPort.Watch w = lab.watch(events::release)) {
            monitor = -1;
            for (int i = 0; i < 100 && monitor < 0; i++) {
                monitor = monitorPid(lab);
                Thread.sleep(50);
            }
            assertTrue(monitor > 0, "the monitor runs on the machine");
            // the monitor is none of the lab's processes: a learner's ps does not show it
            String ps = lab.run("ps -eo comm=").output();
            assertFalse(ps.lines().anyMatch(l -> l.strip().equals("ip")), ps);
            quiet(events);
            // a link in the lab host
            assertTrue(lab.run("ip link add h0 type veth peer name h1").ok());
            assertTrue(events.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "a link added in the lab host is told");
            // an address in a namespace the lab host has an id for (the veth moved into it gives one)
            assertTrue(lab.run("ip netns add n1 && ip link add a0 type veth peer name b0 netns n1").ok());
            quiet(events);
            assertTrue(lab.run("ip -n n1 addr add 10.1.1.1/24 dev b0").ok());
            assertTrue(events.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "an address added in netns n1 is told");
            // a deleted namespace is gone at once: its veth's peer in the lab host goes with it
            quiet(events);
            assertTrue(lab.run("ip netns del n1").ok());
            assertTrue(events.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS), "the namespace's end is told");
            CommandResult gone = lab.run("for i in $(seq 100); do ip link show a0 >/dev/null 2>&1 || exit 0; sleep 0.1; done; exit 1");
            assertTrue(gone.ok(), "netns n1 outlived ip netns del: something pins it");
        }
        assertFalse(ProcessHandle.of(monitor).map(ProcessHandle::isAlive).orElse(false), "the monitor outlived its lab");
    }

    /** Waits for the events of what came before to stop, then forgets them. */
    private static void quiet(Semaphore events) throws InterruptedException {
        while (events.tryAcquire(300, TimeUnit.MILLISECONDS)) {
            events.drainPermits();
        }
    }

    /** The machine pid of the lab's ip monitor (a child of an nsenter, in the world's pid namespace). */
    private static long monitorPid(Lab lab) {
        String net = "/proc/" + lab.initPid() + "/ns/net";
        return ProcessHandle.allProcesses()
                .filter(p -> LabProcess.cmdline(p.pid()).startsWith("ip\0monitor\0"))
                .filter(p -> {
                    try {
                        return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/" + p.pid() + "/ns/net"))
                                .equals(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(net)));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                })
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
