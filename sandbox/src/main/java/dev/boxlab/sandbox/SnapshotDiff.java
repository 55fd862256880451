package dev.boxlab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Chain;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.Route;
import dev.boxlab.sandbox.Snapshot.Rule;

/** What changed between two snapshots: namespaces, links, addresses, routes, chains, rules, forwarding. */
public final class SnapshotDiff {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One change. {@code subject} names the thing in the learner's words (a link name, an address on a
     * link, a route, a rule); {@code before} and {@code after} hold its description on each side
     * (null where it did not exist).
     */
    public record Change(Kind kind, String namespace, String category, String subject, String before, String after) {
        public String describe() {
            String sign = switch (kind) {
                case ADDED -> "+";
                case REMOVED -> "-";
                case CHANGED -> "~";
            };
            String where = namespace + ": " + category + " " + subject;
            return switch (kind) {
                case ADDED -> sign + " " + where + (after.isEmpty() ? "" : "  " + after);
                case REMOVED -> sign + " " + where;
                case CHANGED -> sign + " " + where + "  " + before + " -> " + after;
            };
        }
    }

    private SnapshotDiff() {}

    public static List<Change> diff(Snapshot before, Snapshot after) {
        Map<String, Fact> a = facts(before);
        Map<String, Fact> b = facts(after);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, Fact> e : a.entrySet()) {
            Fact old = e.getValue();
            Fact now = b.get(e.getKey());
            if (now == null) {
                changes.add(new Change(Kind.REMOVED, old.ns, old.category, old.subject, old.value, null));
            } else if (!Objects.equals(old.value, now.value)) {
                changes.add(new Change(Kind.CHANGED, now.ns, now.category, now.subject, old.value, now.value));
            }
        }
        for (Map.Entry<String, Fact> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                Fact f = e.getValue();
                changes.add(new Change(Kind.ADDED, f.ns, f.category, f.subject, null, f.value));
            }
        }
        // a namespace that comes or goes brings its forwarding setting along: not news of its own
        changes.removeIf(c -> c.category().equals("ip_forward") && c.kind() != Kind.CHANGED);
        return changes;
    }

    private record Fact(String ns, String category, String subject, String value) {}

    /** Flattens a snapshot into keyed facts; the key says what a thing is, the value how it is. */
    private static Map<String, Fact> facts(Snapshot s) {
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (NetNamespace ns : s.namespaces()) {
            String n = ns.name();
            put(facts, n, "namespace", "", ns.kind().name().toLowerCase());
            put(facts, n, "ip_forward", "", ns.ipForward() ? "1" : "0");
            for (Link l : ns.links()) {
                put(facts, n, "link", l.name(), describe(l));
                for (Address a : l.addresses()) {
                    put(facts, n, "address", a.cidr() + " on " + l.name(), "");
                }
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Route r : ns.routes()) {
                String key = r.text();
                int k = seen.merge(key, 1, Integer::sum);
                put(facts, n, "route", k == 1 ? key : key + " #" + k, "");
            }
            for (Chain c : ns.chains()) {
                put(facts, n, "chain", c.table() + " " + c.name(), "policy " + c.policy());
            }
            seen.clear();
            for (Rule r : ns.rules()) {
                String key = "-t " + r.table() + " -A " + r.chain() + " " + r.spec();
                int k = seen.merge(key, 1, Integer::sum);
                put(facts, n, "rule", k == 1 ? key : key + " #" + k, r.packets() + " packets");
            }
        }
        return facts;
    }

    private static void put(Map<String, Fact> facts, String ns, String category, String subject, String value) {
        facts.put(ns + "\u0000" + category + "\u0000" + subject, new Fact(ns, category, subject, value));
    }

    private static String describe(Link l) {
        StringBuilder sb = new StringBuilder(l.type()).append(' ').append(l.state());
        if (l.master() != null) {
            sb.append(" master ").append(l.master());
        }
        if (l.peer() != null) {
            sb.append(" peer ").append(l.peer());
        }
        return sb.toString();
    }
}
