package dev.boxlab.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Chain;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.Snapshot.Peer;
import dev.boxlab.sandbox.Snapshot.Route;
import dev.boxlab.sandbox.Snapshot.Rule;

/**
 * Reads the lab probe's output (see lab/probe.sh): for each namespace a header line, then
 * {@code ip -d -j addr}, {@code ip -j route}, {@code iptables-save -c} and ip_forward, each section
 * opened by a line that starts with the record separator \036.
 */
public final class SnapshotParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE = Pattern.compile("^\\[(\\d+):(\\d+)\\] -A (\\S+) ?(.*)$");
    private static final Pattern CHAIN = Pattern.compile("^:(\\S+) (\\S+)");

    private SnapshotParser() {}

    /** A namespace as parsed, before veth peers are resolved across namespaces. */
    private record Raw(String name, NsKind kind, List<JsonNode> links, List<Route> routes, List<Chain> chains,
                       List<Rule> rules, boolean ipForward) {}

    public static Snapshot parse(String probeOutput) {
        List<Raw> raws = new ArrayList<>();
        String[] sections = probeOutput.split("\u001e");
        String name = null;
        NsKind kind = null;
        List<JsonNode> links = List.of();
        List<Route> routes = List.of();
        List<Chain> chains = List.of();
        List<Rule> rules = List.of();
        boolean forward = false;
        for (String section : sections) {
            int nl = section.indexOf('\n');
            String head = nl < 0 ? section : section.substring(0, nl);
            String body = nl < 0 ? "" : section.substring(nl + 1);
            if (head.startsWith("NS ") || head.equals("END")) {
                if (name != null) {
                    raws.add(new Raw(name, kind, links, routes, chains, rules, forward));
                }
                if (head.equals("END")) {
                    break;
                }
                String[] parts = head.split(" ");
                name = parts[1];
                kind = switch (parts.length > 2 ? parts[2] : "netns") {
                    case "host" -> NsKind.HOST;
                    case "outside" -> NsKind.OUTSIDE;
                    default -> NsKind.NETNS;
                };
                links = jsonArray(body);
                routes = List.of();
                chains = List.of();
                rules = List.of();
                forward = false;
            } else if (head.equals("ROUTES")) {
                routes = parseRoutes(jsonArray(body));
            } else if (head.equals("RULES")) {
                chains = new ArrayList<>();
                rules = new ArrayList<>();
                parseIptablesSave(body, chains, rules);
            } else if (head.equals("NFT")) {
                List<Chain> c = new ArrayList<>(chains);
                List<Rule> r = new ArrayList<>(rules);
                parseNft(body, c, r);
                chains = c;
                rules = r;
            } else if (head.equals("FORWARD")) {
                forward = body.strip().equals("1");
            }
        }
        return new Snapshot(resolvePeers(raws));
    }

    private static List<JsonNode> jsonArray(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(t);
            List<JsonNode> out = new ArrayList<>();
            if (node != null && node.isArray()) {
                node.forEach(out::add);
            }
            return out;
        } catch (IOException e) {
            // a namespace deleted while it was being read prints half a document: treat it as empty
            return List.of();
        }
    }

    private static List<Route> parseRoutes(List<JsonNode> nodes) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode n : nodes) {
            routes.add(new Route(text(n, "dst"), text(n, "gateway"), text(n, "dev"), text(n, "protocol"),
                    text(n, "scope"), text(n, "prefsrc")));
        }
        return routes;
    }

    static void parseIptablesSave(String text, List<Chain> chains, List<Rule> rules) {
        String table = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
            } else if (line.startsWith(":") && table != null) {
                Matcher m = CHAIN.matcher(line);
                if (m.find()) {
                    chains.add(new Chain(table, m.group(1), m.group(2)));
                }
            } else if (line.startsWith("[") && table != null) {
                Matcher m = RULE.matcher(line.strip());
                if (m.matches()) {
                    rules.add(new Rule(table, m.group(3), m.group(4).strip(), Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2))));
                }
            } else if (line.startsWith("-A ") && table != null) {
                // iptables-save without -c
                String rest = line.substring(3);
                int sp = rest.indexOf(' ');
                rules.add(new Rule(table, sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1), 0, 0));
            }
        }
    }

    private static final Pattern NFT_COUNTER = Pattern.compile("\\s*counter packets (\\d+) bytes (\\d+)");
    private static final Pattern NFT_POLICY = Pattern.compile("policy (\\w+);");

    /**
     * Native nftables rules ({@code nft list ruleset}), next to iptables': a learner may use nft.
     * Tables iptables-save already showed (iptables-nft keeps its tables in nftables, named like
     * iptables' tables) are left out; the rest come as chains and rules of a table named
     * "nft FAMILY NAME", with their counters where the rule has a {@code counter}.
     */
    static void parseNft(String text, List<Chain> chains, List<Rule> rules) {
        java.util.Set<String> iptables = new java.util.HashSet<>();
        chains.forEach(c -> iptables.add(c.table()));
        String table = null;
        String chain = null;
        int depth = 0;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (depth == 0 && line.startsWith("table ") && line.endsWith("{")) {
                String[] w = line.split("\\s+");
                boolean iptablesOwn = w.length >= 4 && (w[1].equals("ip") || w[1].equals("ip6")) && iptables.contains(w[2]);
                table = iptablesOwn ? null : "nft " + w[1] + " " + w[2];
                depth = 1;
            } else if (depth == 1 && line.startsWith("chain ") && line.endsWith("{")) {
                chain = line.substring(6, line.length() - 1).strip();
                depth = 2;
                if (table != null) {
                    chains.add(new Chain(table, chain, "-"));
                }
            } else if (line.endsWith("{")) {
                depth++;   // a set, a map, a flowtable: not rules
            } else if (line.equals("}")) {
                depth--;
                if (depth <= 1) {
                    chain = null;
                }
            } else if (depth == 2 && table != null && chain != null) {
                if (line.startsWith("type ") && line.contains(" hook ")) {
                    Matcher m = NFT_POLICY.matcher(line);
                    String policy = m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : "ACCEPT";
                    String name = chain;
                    String t = table;
                    chains.removeIf(c -> c.table().equals(t) && c.name().equals(name));
                    chains.add(new Chain(table, chain, policy));
                    continue;
                }
                Matcher m = NFT_COUNTER.matcher(line);
                long packets = 0;
                long bytes = 0;
                String spec = line;
                if (m.find()) {
                    packets = Long.parseLong(m.group(1));
                    bytes = Long.parseLong(m.group(2));
                    spec = (line.substring(0, m.start()) + " counter" + line.substring(m.end())).strip();
                }
                rules.add(new Rule(table, chain, spec, packets, bytes));
            }
        }
    }

    private static List<NetNamespace> resolvePeers(List<Raw> raws) {
        // ifindex -> link, per namespace, to find each veth's other end: the veth in another namespace
        // whose index is our link_index and whose link_index is our index.
        Map<String, Map<Integer, JsonNode>> byIndex = new HashMap<>();
        for (Raw r : raws) {
            Map<Integer, JsonNode> m = new HashMap<>();
            for (JsonNode l : r.links()) {
                m.put(l.path("ifindex").asInt(), l);
            }
            byIndex.put(r.name(), m);
        }
        List<NetNamespace> out = new ArrayList<>();
        for (Raw r : raws) {
            List<Link> links = new ArrayList<>();
            for (JsonNode l : r.links()) {
                links.add(link(r, l, raws, byIndex));
            }
            out.add(new NetNamespace(r.name(), r.kind(), List.copyOf(links), List.copyOf(r.routes()),
                    List.copyOf(r.chains()), List.copyOf(r.rules()), r.ipForward()));
        }
        return List.copyOf(out);
    }

    private static Link link(Raw ns, JsonNode l, List<Raw> raws, Map<String, Map<Integer, JsonNode>> byIndex) {
        int index = l.path("ifindex").asInt();
        String name = l.path("ifname").asText();
        String type = l.path("linkinfo").path("info_kind").asText(null);
        if (type == null) {
            type = "loopback".equals(l.path("link_type").asText()) ? "loopback" : l.path("link_type").asText("?");
        }
        boolean adminUp = false;
        for (JsonNode f : l.path("flags")) {
            if (f.asText().equals("UP")) {
                adminUp = true;
            }
        }
        Peer peer = null;
        if ("veth".equals(type)) {
            if (l.has("link_netnsid") && l.has("link_index")) {
                int peerIndex = l.path("link_index").asInt();
                for (Raw other : raws) {
                    if (other == ns) {
                        continue;
                    }
                    JsonNode p = byIndex.get(other.name()).get(peerIndex);
                    if (p != null && p.path("link_index").asInt(-1) == index
                            && "veth".equals(p.path("linkinfo").path("info_kind").asText())) {
                        peer = new Peer(other.name(), p.path("ifname").asText());
                        break;
                    }
                }
                if (peer == null) {
                    peer = new Peer(null, "if" + peerIndex);
                }
            } else if (l.has("link")) {
                peer = new Peer(ns.name(), l.path("link").asText());
            }
        }
        List<Address> addresses = new ArrayList<>();
        for (JsonNode a : l.path("addr_info")) {
            String family = a.path("family").asText();
            String scope = a.path("scope").asText();
            if (family.equals("inet6") && scope.equals("link")) {
                continue; // fe80:: addresses change with every MAC and teach nothing here
            }
            addresses.add(new Address(family, a.path("local").asText(), a.path("prefixlen").asInt(), scope));
        }
        return new Link(index, name, type, l.path("operstate").asText("UNKNOWN"), adminUp,
                l.path("address").asText(null), text(l, "master"), peer, List.copyOf(addresses));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
