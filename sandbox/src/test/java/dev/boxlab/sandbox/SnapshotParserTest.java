package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.SnapshotDiff.Change;
import dev.boxlab.sandbox.SnapshotDiff.Kind;

/** Snapshot parsing and diffing on probe output captured from a real lab (no root needed). */
class SnapshotParserTest {
    static String resource(String name) throws IOException {
        try (InputStream in = SnapshotParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void freshLabHasHostAndOutsideWorld() throws IOException {
        Snapshot s = SnapshotParser.parse(resource("probe-fresh.txt"));
        assertEquals(List.of("lab-host", "router", "server"), s.namespaces().stream().map(NetNamespace::name).toList());
        NetNamespace host = s.host();
        assertEquals(NsKind.HOST, host.kind());
        assertFalse(host.ipForward());
        Link eth0 = host.link("eth0").orElseThrow();
        assertEquals("veth", eth0.type());
        assertEquals("UP", eth0.state());
        assertEquals(new Snapshot.Peer("router", "eth0"), eth0.peer());
        assertEquals("192.0.2.10/24", eth0.addresses().get(0).cidr());
        assertTrue(host.routes().stream().anyMatch(r -> "default".equals(r.destination()) && "192.0.2.1".equals(r.gateway())));
        assertEquals("default via 192.0.2.1 dev eth0", host.routes().stream()
                .filter(r -> r.destination().equals("default")).findFirst().orElseThrow().text());
        assertTrue(s.namespace("router").orElseThrow().ipForward());
        assertEquals(NsKind.OUTSIDE, s.namespace("server").orElseThrow().kind());
        assertTrue(host.rules().isEmpty());
        // a fresh network namespace has no netfilter tables until something uses them
        assertTrue(host.chains().isEmpty());
    }

    @Test
    void bridgeLabResolvesVethPeersAcrossNamespacesAndReadsCounters() throws IOException {
        Snapshot s = SnapshotParser.parse(resource("probe-bridge.txt"));
        NetNamespace host = s.host();
        assertTrue(host.ipForward());
        Link br0 = host.link("br0").orElseThrow();
        assertTrue(br0.isBridge());
        assertEquals("172.18.0.1/16", br0.addresses().get(0).cidr());
        Link veth0 = host.link("veth0").orElseThrow();
        assertEquals("br0", veth0.master());
        assertEquals(new Snapshot.Peer("netns0", "ceth0"), veth0.peer());
        assertEquals(new Snapshot.Peer("netns1", "ceth1"), host.link("veth1").orElseThrow().peer());
        Link ceth0 = s.namespace("netns0").orElseThrow().link("ceth0").orElseThrow();
        assertEquals(new Snapshot.Peer("lab-host", "veth0"), ceth0.peer());
        assertNull(ceth0.master());
        var masq = host.rules().stream().filter(r -> r.chain().equals("POSTROUTING")).findFirst().orElseThrow();
        assertEquals("nat", masq.table());
        assertEquals("-s 172.18.0.0/16 ! -o br0 -j MASQUERADE", masq.spec());
        assertEquals(1, masq.packets());
        assertEquals(84, masq.bytes());
        // link-local IPv6 addresses are noise for a learner and are dropped
        assertTrue(s.namespaces().stream().flatMap(n -> n.links().stream()).flatMap(l -> l.addresses().stream())
                .noneMatch(a -> a.local().startsWith("fe80")));
    }

    @Test
    void diffSaysWhatWasAddedChangedAndRemoved() throws IOException {
        Snapshot fresh = SnapshotParser.parse(resource("probe-fresh.txt"));
        Snapshot bridge = SnapshotParser.parse(resource("probe-bridge.txt"));
        List<Change> forward = SnapshotDiff.diff(fresh, bridge);
        assertTrue(forward.contains(new Change(Kind.ADDED, "netns0", "namespace", "", null, "netns")), forward.toString());
        assertTrue(forward.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("link")
                && c.subject().equals("veth0") && c.after().contains("master br0") && c.after().contains("peer netns0:ceth0")));
        assertTrue(forward.contains(new Change(Kind.CHANGED, "lab-host", "ip_forward", "", "0", "1")));
        assertTrue(forward.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("route")
                && c.namespace().equals("netns0") && c.subject().equals("default via 172.18.0.1 dev ceth0")));
        assertTrue(forward.stream().anyMatch(c -> c.kind() == Kind.ADDED && c.category().equals("rule")
                && c.subject().equals("-t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE")));
        assertEquals("+ netns0: address 172.18.0.10/16 on ceth0", forward.stream()
                .filter(c -> c.category().equals("address") && c.subject().endsWith("on ceth0")).findFirst().orElseThrow().describe());

        List<Change> back = SnapshotDiff.diff(bridge, fresh);
        assertEquals(forward.size(), back.size());
        assertTrue(back.stream().anyMatch(c -> c.kind() == Kind.REMOVED && c.subject().equals("br0")));
        assertTrue(SnapshotDiff.diff(bridge, bridge).isEmpty());
    }

    @Test
    void aCounterThatMovesIsAChange() {
        String rules1 = "*nat\n:POSTROUTING ACCEPT [0:0]\n[0:0] -A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE\nCOMMIT\n";
        String rules2 = rules1.replace("[0:0] -A", "[3:180] -A");
        Snapshot a = SnapshotParser.parse("\u001eNS lab-host host\n[]\n\u001eRULES\n" + rules1 + "\u001eFORWARD\n0\n\u001eEND\n");
        Snapshot b = SnapshotParser.parse("\u001eNS lab-host host\n[]\n\u001eRULES\n" + rules2 + "\u001eFORWARD\n0\n\u001eEND\n");
        List<Change> d = SnapshotDiff.diff(a, b);
        assertEquals(1, d.size());
        assertEquals("~ lab-host: rule -t nat -A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE  0 packets -> 3 packets", d.get(0).describe());
    }

    @Test
    void aNamespaceDeletedMidProbeReadsAsEmptyNotAsAnError() {
        Snapshot s = SnapshotParser.parse("\u001eNS lab-host host\n[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"UP\"],"
                + "\"link_type\":\"loopback\",\"addr_info\":[]}]\n\u001eNS gone netns\n[{\"ifindex\":1,\"ifn\n\u001eEND\n");
        assertEquals(2, s.namespaces().size());
        assertTrue(s.namespace("gone").orElseThrow().links().isEmpty());
        assertEquals("loopback", s.host().links().get(0).type());
    }

    @Test
    void duplicateRulesAreKeptApart() {
        List<Snapshot.Chain> chains = new ArrayList<>();
        List<Snapshot.Rule> rules = new ArrayList<>();
        SnapshotParser.parseIptablesSave("*filter\n:FORWARD ACCEPT [0:0]\n:DOCKER - [0:0]\n[0:0] -A FORWARD -j DOCKER\n"
                + "[0:0] -A FORWARD -j DOCKER\nCOMMIT\n", chains, rules);
        assertEquals(2, rules.size());
        assertEquals("-", chains.get(1).policy());
        Snapshot one = new Snapshot(List.of(new NetNamespace("h", NsKind.HOST, List.of(), List.of(), chains, rules.subList(0, 1), false)));
        Snapshot two = new Snapshot(List.of(new NetNamespace("h", NsKind.HOST, List.of(), List.of(), chains, rules, false)));
        List<Change> d = SnapshotDiff.diff(one, two);
        assertEquals(1, d.size());
        assertEquals(Kind.ADDED, d.get(0).kind());
        assertTrue(d.get(0).subject().endsWith("#2"));
    }

    @Test
    void nativeNftablesRulesShowBesideIptablesOnesWithoutTheTablesIptablesOwns() {
        List<Snapshot.Chain> chains = new java.util.ArrayList<>();
        List<Snapshot.Rule> rules = new java.util.ArrayList<>();
        SnapshotParser.parseIptablesSave("*nat\n:POSTROUTING ACCEPT [0:0]\n"
                + "[3:180] -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE\nCOMMIT\n", chains, rules);
        // as `nft list ruleset` printed it in a lab on this kernel
        SnapshotParser.parseNft("""
                # Warning: table ip nat is managed by iptables-nft, do not touch!
                table ip nat {
                	chain POSTROUTING {
                		type nat hook postrouting priority srcnat; policy accept;
                		oifname != "br0" ip saddr 172.18.0.0/16 counter packets 3 bytes 180 masquerade
                	}
                }
                table inet boxf {
                	set s {
                		type ipv4_addr
                	}

                	chain fw {
                		type filter hook forward priority filter; policy drop;
                		ip saddr 172.18.0.0/16 counter packets 7 bytes 588 accept
                	}

                	chain mine {
                	}
                }
                """, chains, rules);
        assertEquals(1, rules.stream().filter(r -> r.table().equals("nat")).count(), rules.toString());
        assertEquals(List.of(new Snapshot.Rule("nft inet boxf", "fw", "ip saddr 172.18.0.0/16 counter accept", 7, 588)),
                rules.stream().filter(r -> r.table().startsWith("nft")).toList());
        assertTrue(chains.contains(new Snapshot.Chain("nft inet boxf", "fw", "DROP")), chains.toString());
        assertTrue(chains.contains(new Snapshot.Chain("nft inet boxf", "mine", "-")), chains.toString());
        assertEquals(3, chains.size(), chains.toString());
    }
}
