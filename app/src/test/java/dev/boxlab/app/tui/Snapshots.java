package dev.boxlab.app.tui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.Snapshot.Peer;
import dev.boxlab.sandbox.Snapshot.Route;
import dev.boxlab.sandbox.Snapshot.Rule;
import dev.boxlab.sandbox.SnapshotParser;

/** Snapshots for screen tests: built by hand, or parsed from probe output captured on a real lab. */
final class Snapshots {
    private Snapshots() {}

    static Address v4(String cidr) {
        String[] p = cidr.split("/");
        return new Address("inet", p[0], Integer.parseInt(p[1]), "global");
    }

    static Link link(String name, String type, String master, Peer peer, Address... addrs) {
        return new Link(0, name, type, "UP", true, "00:00:00:00:00:00", master, peer, List.of(addrs));
    }

    static Link lo() {
        return new Link(1, "lo", "loopback", "UNKNOWN", true, "00:00:00:00:00:00", null, null, List.of(v4("127.0.0.1/8")));
    }

    static NetNamespace outside(String name, String... cidrs) {
        List<Address> a = new ArrayList<>();
        for (String c : cidrs) {
            a.add(v4(c));
        }
        return new NetNamespace(name, NsKind.OUTSIDE, List.of(lo(), new Link(2, "eth0", "veth", "UP", true, "", null, null, a)),
                List.of(), List.of(), List.of(), false);
    }

    /** A fresh lab: the host with its uplink, and the outside world. */
    static Snapshot fresh() {
        NetNamespace host = new NetNamespace("lab-host", NsKind.HOST,
                List.of(lo(), link("eth0", "veth", null, new Peer("router", "eth0"), v4("192.0.2.10/24"))),
                List.of(new Route("default", "192.0.2.1", "eth0", null, null, null)), List.of(), List.of(), false);
        return new Snapshot(List.of(host, outside("router", "192.0.2.1/24", "203.0.113.1/24"),
                outside("server", "203.0.113.10/24")));
    }

    /** Two containers on a bridge br0, the host on the bridge, NAT to the outside. */
    static Snapshot bridge() {
        NetNamespace host = new NetNamespace("lab-host", NsKind.HOST, List.of(lo(),
                link("eth0", "veth", null, new Peer("router", "eth0"), v4("192.0.2.10/24")),
                link("veth0", "veth", "br0", new Peer("netns0", "ceth0")),
                link("veth1", "veth", "br0", new Peer("netns1", "ceth1")),
                link("br0", "bridge", null, null, v4("172.18.0.1/16"))),
                List.of(new Route("default", "192.0.2.1", "eth0", null, null, null),
                        new Route("172.18.0.0/16", null, "br0", "kernel", "link", "172.18.0.1")),
                List.of(), List.of(new Rule("nat", "POSTROUTING", "-s 172.18.0.0/16 ! -o br0 -j MASQUERADE", 4, 240)), true);
        NetNamespace n0 = container("netns0", "ceth0", "veth0", "172.18.0.10/16");
        NetNamespace n1 = container("netns1", "ceth1", "veth1", "172.18.0.20/16");
        return new Snapshot(List.of(host, n0, n1, outside("router", "192.0.2.1/24", "203.0.113.1/24"),
                outside("server", "203.0.113.10/24")));
    }

    static NetNamespace container(String ns, String dev, String hostEnd, String cidr) {
        return new NetNamespace(ns, NsKind.NETNS, List.of(lo(), link(dev, "veth", null, new Peer("lab-host", hostEnd), v4(cidr))),
                List.of(new Route("default", "172.18.0.1", dev, null, null, null)), List.of(), List.of(), false);
    }

    /** The snapshot with one more link on the host. */
    static Snapshot withHostLink(Snapshot s, Link extra) {
        List<NetNamespace> out = new ArrayList<>();
        for (NetNamespace n : s.namespaces()) {
            if (n.kind() == NsKind.HOST) {
                List<Link> links = new ArrayList<>(n.links());
                links.add(extra);
                n = new NetNamespace(n.name(), n.kind(), links, n.routes(), n.chains(), n.rules(), n.ipForward());
            }
            out.add(n);
        }
        return new Snapshot(out);
    }

    /** Probe output captured on a real lab (the sandbox's test resources), parsed as the lab parses it. */
    static Snapshot captured(String name) throws IOException {
        try (InputStream in = Snapshots.class.getClassLoader().getResourceAsStream("dev/boxlab/sandbox/" + name)) {
            if (in == null) {
                throw new IOException("no captured probe output " + name);
            }
            return SnapshotParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
