package dev.boxlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.Snapshot.Route;
import dev.boxlab.sandbox.Snapshot.Rule;

/**
 * A snapshot as lines of text, per namespace: links with their addresses, routes, rules with
 * counters. Each line carries the key of the fact it shows, so a screen can highlight what changed.
 */
final class StateText {
    /** One line; {@code keys} are the diff subjects it shows, as "namespace|category|subject". */
    record Line(String text, Set<String> keys, boolean heading) {}

    private StateText() {}

    static String key(String ns, String category, String subject) {
        return ns + "|" + category + "|" + subject;
    }

    static List<Line> render(Snapshot s) {
        List<Line> out = new ArrayList<>();
        for (NetNamespace ns : s.namespaces()) {
            String title = switch (ns.kind()) {
                case HOST -> ns.name() + " (the host)" + (ns.ipForward() ? "  ip_forward=1" : "  ip_forward=0");
                case NETNS -> "netns " + ns.name();
                case OUTSIDE -> "outside: " + ns.name();
            };
            out.add(new Line(title, Set.of(key(ns.name(), "namespace", ""), key(ns.name(), "ip_forward", "")), true));
            if (ns.kind() == NsKind.OUTSIDE) {
                for (Link l : ns.links()) {
                    if (!l.type().equals("loopback")) {
                        out.add(new Line("  " + l.name() + " " + addresses(l), Set.of(key(ns.name(), "link", l.name())), false));
                    }
                }
                continue;
            }
            for (Link l : ns.links()) {
                Set<String> keys = new java.util.HashSet<>();
                keys.add(key(ns.name(), "link", l.name()));
                l.addresses().forEach(a -> keys.add(key(ns.name(), "address", a.cidr() + " on " + l.name())));
                StringBuilder sb = new StringBuilder("  ").append(l.name()).append(' ').append(l.type()).append(' ')
                        .append(l.state());
                if (l.master() != null) {
                    sb.append(" master ").append(l.master());
                }
                if (l.peer() != null) {
                    sb.append(" peer ").append(l.peer());
                }
                String addrs = addresses(l);
                if (!addrs.isEmpty()) {
                    sb.append("  ").append(addrs);
                }
                out.add(new Line(sb.toString(), keys, false));
            }
            for (Route r : ns.routes()) {
                out.add(new Line("  route " + r.text(), Set.of(key(ns.name(), "route", r.text())), false));
            }
            for (Rule r : ns.rules()) {
                String spec = "-t " + r.table() + " -A " + r.chain() + " " + r.spec();
                out.add(new Line("  " + spec + "  [" + r.packets() + " pkts]", Set.of(key(ns.name(), "rule", spec)), false));
            }
        }
        return out;
    }

    private static String addresses(Link l) {
        return String.join(" ", l.addresses().stream().map(Address::cidr).toList());
    }
}
