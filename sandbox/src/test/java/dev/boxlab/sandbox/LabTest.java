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
