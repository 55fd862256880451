package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.SnapshotDiff.Change;
import dev.boxlab.sandbox.SnapshotDiff.Kind;

/** Root: labs on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class LabTest {
    @Test
    void aLabIsItsOwnHostAndVanishes() throws Exception {
        int init;
        try (Lab lab = Lab.start()) {
            init = lab.initPid();
            assertTrue(Files.exists(Path.of("/proc/" + init)));
            assertEquals("lab-host", lab.run("hostname").output().strip());
            String labNet = lab.run("readlink /proc/self/ns/net").output().strip();
            assertNotEquals(Host.ownNamespace("net"), labNet);
            // pid namespace: the lab init is PID 1 inside
            assertTrue(lab.run("cat /proc/1/cmdline | tr '\\0' ' '").output().startsWith("boxlab-lab-" + lab.id()));
            // the lab init reaps orphans: one that exits does not stay a zombie
            lab.run("( sleep 0.1 & ) ; sleep 0.5");
            String states = lab.run("ps -eo stat=,args=").output();
            assertFalse(states.lines().anyMatch(l -> l.strip().startsWith("Z")), states);
            // ip netns add stays inside the lab
            assertTrue(lab.run("ip netns add netns0").ok());
            assertTrue(lab.run("ip netns list").output().contains("netns0"));
            assertFalse(HostState.capture().netns().contains("netns0"), "netns0 leaked to the machine's /run/netns");
            // the outside world answers on documentation addresses
            CommandResult curl = lab.run("curl -s --max-time 3 http://203.0.113.10/", "test", Duration.ofSeconds(10), null);
            assertTrue(curl.ok() && curl.output().contains("hello from the outside server"), curl.output());
        }
        assertFalse(ProcessHandle.of(init).map(ProcessHandle::isAlive).orElse(false), "lab init outlived close()");
    }

    /**
     * Ending a lab whose shells are busy (a command running in the terminal, one in a lab shell)
     * leaves nothing by the time close() returns: no process in the lab's pid namespace (a zombie
     * adopted by the machine's init among them: its nsenter must outlive it), no lab init, no cgroup.
     */
    @Test
    void closingABusyLabLeavesNoProcessOfItBehind() throws Exception {
        String pidns;
        int init;
        String id;
        Thread busy;
        try (Lab lab = Lab.start()) {
            init = lab.initPid();
            id = lab.id();
            pidns = Files.readSymbolicLink(Path.of("/proc/" + init + "/ns/pid")).toString();
            Pty pty = Pty.start(lab.shellCommand("xterm"), java.util.Map.of("TERM", "xterm"), 80, 24);
            pty.write("sleep 1000\r".getBytes());
            busy = new Thread(() -> lab.run("sleep 1000", "test", Duration.ofSeconds(60), null));
            busy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inNamespace(pidns).stream().filter(p -> LabProcess.cmdline(p).startsWith("sleep\u00001000")).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, inNamespace(pidns).stream().filter(p -> LabProcess.cmdline(p).startsWith("sleep\u00001000")).count(),
                    "both sleeps run in the lab");
            // what a closed terminal or Ctrl-C send nsenter's process group does not end nsenter
            // before its shell (it would leave the shell to the machine's init)
            new ProcessBuilder("kill", "-HUP", Long.toString(pty.process().pid())).start().waitFor();
            new ProcessBuilder("kill", "-INT", Long.toString(pty.process().pid())).start().waitFor();
            Thread.sleep(200);
            assertTrue(pty.process().isAlive(), "nsenter ignores SIGHUP and SIGINT");
            pty.close(); // as the screen does on its way out: the terminal first, then the lab
            assertEquals(List.of(), adoptedByTheMachine(), "a lab process outlived its nsenter and went to the machine's init");
        }
        assertEquals(List.of(), inNamespace(pidns), "processes of the lab's pid namespace outlived close()");
        assertFalse(Files.exists(Path.of("/proc/" + init)), "the lab init outlived close()");
        assertEquals(List.of(), cgroupDirs(id), "the lab's cgroups outlived close()");
        assertEquals(List.of(), adoptedByTheMachine(), "a lab process went to the machine's init");
        busy.join(10_000);
        assertFalse(busy.isAlive(), "the command running in the lab returned when its lab ended");
    }

    /** Every process on the machine (zombies too) in the pid namespace {@code ns}. */
    private static List<Long> inNamespace(String ns) throws java.io.IOException {
        List<Long> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(ns)) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (java.io.IOException e) {
                    // gone while we looked, or a zombie (whose namespaces cannot be read: see adoptedByTheMachine)
                }
            }
        }
        return out;
    }

    /**
     * Processes of a nested pid namespace (a lab's: NSpid lists three levels, machine, world and lab)
     * whose parent is the machine's init: what is left when nsenter dies before the process it
     * entered into a lab. The machine's init reaps them when it will, and until it does the lab's pid
     * namespace cannot finish ending.
     */
    private static List<String> adoptedByTheMachine() throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    List<String> status = Files.readAllLines(p.resolve("status"));
                    boolean adopted = status.contains("PPid:\t1");
                    boolean nested = status.stream().anyMatch(l -> l.startsWith("NSpid:") && l.split("\\s+").length >= 4);
                    if (adopted && nested) {
                        out.add(p.getFileName() + " " + status.get(0));
                    }
                } catch (java.io.IOException e) {
                    // gone while we looked
                }
            }
        }
        return out;
    }

    private static List<Path> cgroupDirs(String id) throws java.io.IOException {
        List<Path> out = new ArrayList<>();
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                for (Path d : List.of(h.resolve("boxlab").resolve(id), h.resolve(id))) {
                    if (Files.isDirectory(d) && d.toString().contains("boxlab")) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theLabHostReachesTheOutsideServer() {
        try (Lab lab = Lab.start()) {
            CommandResult ping = lab.run("ping -c1 -W2 203.0.113.10");
            assertTrue(ping.ok(), ping.output());
            CommandResult page = lab.run("outside curl -s --max-time 3 http://203.0.113.10/");
            assertTrue(page.output().contains("hello from the outside server"), page.output());
        }
    }

    @Test
    void shellKeepsStateAndSurvivesExitSyntaxErrorsAndHangs() {
        try (Lab lab = Lab.start()) {
            lab.run("cd /tmp && X=42");
            assertEquals("/tmp 42", lab.run("echo $(pwd) $X").output().strip());
            CommandResult bad = lab.run("if then fi");
            assertEquals(2, bad.exitCode());
            assertTrue(bad.output().contains("syntax error"), bad.output());
            assertEquals(3, lab.run("exit 3").exitCode());
            assertEquals("still here", lab.run("echo still here").output().strip());
            List<String> streamed = new ArrayList<>();
            CommandResult hang = lab.run("echo started; sleep 600", "test", Duration.ofMillis(500), streamed::add);
            assertTrue(hang.timedOut());
            assertTrue(hang.output().startsWith("started\n"), hang.output());
            assertTrue(hang.output().contains("did not finish within"), hang.output());
            assertTrue(String.join("", streamed).startsWith("started"));
            assertEquals("ok", lab.run("echo ok").output().strip());
            assertEquals("quotes ' \" \\ $HOME", lab.run("echo \"quotes ' \\\" \\\\ \\$HOME\"").output().strip());
            assertEquals(7, lab.transcript().entries().stream().filter(e -> e.source().equals("you")).count());
        }
    }

    @Test
    void snapshotSeesNamespacesVethPeersAndRulesAndDiffSaysWhatChanged() {
        try (Lab lab = Lab.start()) {
            Snapshot s0 = lab.snapshot();
            assertEquals(NsKind.HOST, s0.host().kind());
            assertEquals("lab-host", s0.host().name());
            assertTrue(s0.namespace("router").isPresent());
            assertTrue(s0.namespace("server").isPresent());
            assertEquals("192.0.2.10/24", s0.host().link("eth0").orElseThrow().addresses().get(0).cidr());
            assertEquals("router", s0.host().link("eth0").orElseThrow().peer().namespace());
            assertFalse(s0.host().ipForward());

            assertTrue(lab.run("ip netns add netns0 && ip link add veth0 type veth peer name ceth0 "
                    + "&& ip link set ceth0 netns netns0 && ip -n netns0 addr add 172.18.0.10/16 dev ceth0 "
                    + "&& iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE").ok());
            Snapshot s1 = lab.snapshot();
            var veth0 = s1.host().link("veth0").orElseThrow();
            assertEquals("veth", veth0.type());
            assertEquals("netns0", veth0.peer().namespace());
            assertEquals("ceth0", veth0.peer().name());
            assertEquals("172.18.0.10/16", s1.namespace("netns0").orElseThrow().link("ceth0").orElseThrow()
                    .addresses().get(0).cidr());
            assertTrue(s1.host().rules().stream().anyMatch(r -> r.table().equals("nat")
                    && r.chain().equals("POSTROUTING") && r.spec().contains("MASQUERADE")));
            // nftables made with nft shows beside iptables' rules, and iptables' own tables only once
            assertTrue(lab.run("nft add table inet lab && nft 'add chain inet lab fw { type filter hook forward priority 0; policy drop; }' "
                    + "&& nft add rule inet lab fw ip saddr 172.18.0.0/16 counter accept").ok());
            Snapshot sn = lab.snapshot();
            assertTrue(sn.host().rules().stream().anyMatch(r -> r.table().equals("nft inet lab") && r.chain().equals("fw")
                    && r.spec().equals("ip saddr 172.18.0.0/16 counter accept")), sn.host().rules().toString());
            assertEquals(1, sn.host().rules().stream().filter(r -> r.spec().contains("MASQUERADE") || r.spec().contains("masquerade")).count());

            List<Change> changes = SnapshotDiff.diff(s0, s1);
            assertTrue(changes.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("namespace")
                    && c.namespace().equals("netns0")), changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("address")
                    && c.subject().equals("172.18.0.10/16 on ceth0")), changes.toString());
            assertTrue(changes.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("rule")), changes.toString());

            // a deleted namespace vanishes from the next snapshot: the probe pins nothing
            lab.run("ip netns del netns0");
            Snapshot s2 = lab.snapshot();
            assertTrue(s2.namespace("netns0").isEmpty());
            assertTrue(s2.host().link("veth0").isEmpty(), "veth0 should go with its peer's namespace");
        }
    }
}
