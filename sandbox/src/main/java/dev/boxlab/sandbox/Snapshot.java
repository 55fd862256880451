package dev.boxlab.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The network state of a whole lab at one moment, as the kernel reported it through {@code ip -j}
 * and {@code iptables-save -c}: the lab host, each namespace in the lab's /run/netns, and the
 * outside world.
 */
public record Snapshot(List<NetNamespace> namespaces) {

    public Optional<NetNamespace> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public NetNamespace host() {
        return namespaces.stream().filter(n -> n.kind() == NsKind.HOST).findFirst().orElse(null);
    }

    public enum NsKind {
        /** The lab host: "the host" of the lessons. */
        HOST,
        /** A namespace the learner made with {@code ip netns add}: a container. */
        NETNS,
        /** The simulated outside world beyond the lab host's uplink. */
        OUTSIDE
    }

    public record NetNamespace(String name, NsKind kind, List<Link> links, List<Route> routes,
                               List<Chain> chains, List<Rule> rules, boolean ipForward) {
        public Optional<Link> link(String linkName) {
            return links.stream().filter(l -> l.name().equals(linkName)).findFirst();
        }
    }

    /** A veth's other end: the namespace it lives in (null if it could not be found) and its name. */
    public record Peer(String namespace, String name) {
        @Override
        public String toString() {
            return (namespace == null ? "?" : namespace) + ":" + name;
        }
    }

    /**
     * A network interface. {@code type} is the kernel's link kind (veth, bridge, loopback, ...);
     * {@code state} the operational state (UP, DOWN, LOWERLAYERDOWN, UNKNOWN); {@code adminUp}
     * whether it was set up; {@code master} the bridge it is a port of.
     */
    public record Link(int index, String name, String type, String state, boolean adminUp, String mac,
                       String master, Peer peer, List<Address> addresses) {
        public boolean isBridge() {
            return "bridge".equals(type);
        }

        public boolean isVeth() {
            return "veth".equals(type);
        }
    }

    public record Address(String family, String local, int prefix, String scope) {
        public String cidr() {
            return local + "/" + prefix;
        }
    }

    public record Route(String destination, String gateway, String device, String protocol, String scope,
                        String source) {
        /** As {@code ip route} would print it. */
        public String text() {
            StringBuilder sb = new StringBuilder(destination);
            if (gateway != null) {
                sb.append(" via ").append(gateway);
            }
            if (device != null) {
                sb.append(" dev ").append(device);
            }
            if (protocol != null && !"boot".equals(protocol) && !"static".equals(protocol)) {
                sb.append(" proto ").append(protocol);
            }
            if (scope != null && !"global".equals(scope)) {
                sb.append(" scope ").append(scope);
            }
            if (source != null) {
                sb.append(" src ").append(source);
            }
            return sb.toString();
        }
    }

    /** A chain of one iptables table, with its policy ("-" for a user chain). */
    public record Chain(String table, String name, String policy) {}

    /** One iptables rule, as {@code iptables-save} prints it, with its packet and byte counters. */
    public record Rule(String table, String chain, String spec, long packets, long bytes) {}
}
