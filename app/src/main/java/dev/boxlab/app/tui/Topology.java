package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.boxlab.app.session.StateText;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.Snapshot.Route;

/**
 * The network of a snapshot as a drawing: the outside world on top, joined by the uplink to the lab
 * host, which lists its bridges with their ports and its other interfaces; below it, one box per
 * container (network namespace) with its interfaces and addresses, each joined by a line to the
 * host when a veth pair connects them. Lines that changed carry a +/~ sign.
 */
final class Topology {
    /** The mark for a fact key (as {@link StateText#key}), or null when it did not change. */
    interface Marks extends Function<String, Tone> {}

    private final Glyphs g;
    private final Marks marks;

    private Topology(Glyphs g, Marks marks) {
        this.g = g;
        this.marks = marks == null ? k -> null : marks;
    }

    static List<Row> draw(Snapshot s, int width, Glyphs g, Marks marks) {
        return new Topology(g, marks).draw(s, width);
    }

    private record Box(String title, Tone titleTone, List<Row> lines, int width) {}

    private List<Row> draw(Snapshot s, int width) {
        Canvas c = new Canvas(width);
        NetNamespace host = s.host();
        List<NetNamespace> outside = s.namespaces().stream().filter(n -> n.kind() == NsKind.OUTSIDE).toList();
        List<NetNamespace> containers = s.namespaces().stream().filter(n -> n.kind() == NsKind.NETNS).toList();
        int y = 0;
        int uplinkX = 1;
        if (!outside.isEmpty()) {
            // one line for the outside world (two when narrow): it is context, not the subject
            List<Row> parts = new ArrayList<>();
            for (NetNamespace o : outside) {
                String addr = o.links().stream().filter(l -> !"loopback".equals(l.type()))
                        .flatMap(l -> l.addresses().stream()).filter(a -> "inet".equals(a.family()))
                        .map(Address::local).findFirst().orElse("");
                parts.add(Row.of(Tone.BOLD, o.name()).plus(Tone.TEXT, " ").plus(Tone.CODE, addr));
            }
            Row line = Row.of(Tone.HEADING, "outside: ");
            int x0 = line.length();
            for (Row p : parts) {
                if (line.length() > x0 && line.length() + 2 + p.length() > width) {
                    c.put(0, y++, line, width);
                    line = Row.text(" ".repeat(x0));
                } else if (line.length() > x0) {
                    line = line.plus(Tone.DIM, ", ");
                }
                line = new Row(concat(line.spans(), p.spans()));
            }
            c.put(0, y++, line, width);
            if (host != null) {
                String up = host.links().stream().filter(l -> l.peer() != null && isOutside(s, l.peer().namespace()))
                        .map(Link::name).findFirst().orElse("uplink");
                c.put(uplinkX, y, g.v, Tone.BORDER);
                c.put(uplinkX + 2, y, up + " (uplink)", Tone.DIM, width);
                y++;
            }
        }
        if (host == null) {
            return c.rows();
        }
        List<Row> hostLines = hostLines(s, host);
        int hostH = hostLines.size() + 2;
        Tone ht = tone(StateText.key(host.name(), "ip_forward", ""), Tone.HEADING);
        c.box(0, y, width, hostH, host.name() + (host.ipForward() ? "  ip_forward=1" : ""), ht, g);
        if (!outside.isEmpty()) {
            c.put(uplinkX, y, g.teeUp, Tone.BORDER);
        }
        for (int i = 0; i < hostLines.size(); i++) {
            c.put(1, y + 1 + i, hostLines.get(i), width - 1);
        }
        int hostBottom = y + hostH - 1;
        y = hostBottom + 1;
        if (containers.isEmpty()) {
            return c.rows();
        }
        List<Box> boxes = new ArrayList<>();
        for (NetNamespace ns : containers) {
            boxes.add(containerBox(s, ns, width));
        }
        // first row of boxes hangs from the host by lines; further rows (rare) say their veth in the title
        int x = 0;
        boolean firstRow = true;
        int rowHeight = 0;
        int rowTop = y + 2;
        for (Box b : boxes) {
            if (x > 0 && x + b.width > width) {
                firstRow = false;
                rowTop += rowHeight + 1;
                x = 0;
                rowHeight = 0;
            }
            int h = b.lines.size() + 2;
            c.box(x, rowTop, b.width, h, b.title, b.titleTone, g);
            for (int i = 0; i < b.lines.size(); i++) {
                c.put(x + 1, rowTop + 1 + i, b.lines.get(i), x + b.width - 1);
            }
            String hostEnd = hostEndFor(host, b.title);
            if (hostEnd != null && firstRow) {
                int lx = x + 1;
                c.put(lx, hostBottom, g.teeDown, Tone.BORDER);
                c.put(lx, hostBottom + 1, g.v, Tone.BORDER);
                c.put(lx, hostBottom + 2, g.v, Tone.BORDER);
                c.put(lx, rowTop, g.teeUp, Tone.BORDER);
                c.put(lx + 1, hostBottom + 1, hostEnd, Tone.DIM, x + b.width);
            }
            rowHeight = Math.max(rowHeight, h);
            x += b.width + 1;
        }
        return c.rows();
    }

    private static boolean isOutside(Snapshot s, String ns) {
        return s.namespace(ns == null ? "" : ns).map(n -> n.kind() == NsKind.OUTSIDE).orElse(false);
    }

    /** The host-side end of the veth pair that leads into the namespace named {@code ns}. */
    private static String hostEndFor(NetNamespace host, String ns) {
        return host.links().stream().filter(l -> l.peer() != null && ns.equals(l.peer().namespace()))
                .map(Link::name).findFirst().orElse(null);
    }

    private Tone tone(String key, Tone otherwise) {
        Tone t = marks.apply(key);
        return t == null ? otherwise : t;
    }

    private Row marked(String ns, Link l, Row body) {
        Tone m = marks.apply(StateText.key(ns, "link", l.name()));
        if (m == null) {
            for (Address a : l.addresses()) {
                Tone am = marks.apply(StateText.key(ns, "address", a.cidr() + " on " + l.name()));
                if (am != null) {
                    m = Tone.CHANGED;
                }
            }
        }
        String sign = m == null ? " " : m == Tone.ADDED ? "+" : m == Tone.REMOVED ? "-" : "~";
        Row r = Row.of(m == null ? Tone.TEXT : m, sign);
        return new Row(concat(r.spans(), body.spans()));
    }

    private List<Row> hostLines(Snapshot s, NetNamespace host) {
        List<Row> out = new ArrayList<>();
        String ns = host.name();
        Set<String> pairedHere = new java.util.HashSet<>();
        for (Link l : host.links()) {
            if ("loopback".equals(l.type()) || (l.master() != null && host.link(l.master()).isPresent())
                    || pairedHere.contains(l.name())) {
                continue;
            }
            Row body = Row.of(Tone.BOLD, l.name());
            if (l.isBridge()) {
                body = body.plus(Tone.DIM, " bridge");
            }
            body = state(body, l);
            body = addrs(body, l);
            if (l.isVeth() && l.peer() != null) {
                if (ns.equals(l.peer().namespace())) {
                    pairedHere.add(l.peer().name());
                    body = body.plus(Tone.DIM, " " + g.pair + " ").plus(Tone.BOLD, l.peer().name())
                            .plus(Tone.DIM, " (both ends here)");
                } else if (isOutside(s, l.peer().namespace())) {
                    body = body.plus(Tone.DIM, " " + g.pair + " " + l.peer().namespace());
                } else {
                    body = body.plus(Tone.DIM, " " + g.pair + " ").plus(Tone.TEXT, l.peer().toString());
                }
            } else if (!l.isBridge() && !l.isVeth()) {
                body = body.plus(Tone.DIM, " " + l.type());
            }
            out.add(marked(ns, l, body));
            if (l.isBridge()) {
                List<Link> ports = host.links().stream().filter(p -> l.name().equals(p.master())).toList();
                for (int i = 0; i < ports.size(); i++) {
                    Link p = ports.get(i);
                    Row pb = Row.of(Tone.BORDER, "  " + (i == ports.size() - 1 ? g.lastBranch : g.branch) + " ")
                            .plus(Tone.BOLD, p.name());
                    pb = state(pb, p);
                    pb = addrs(pb, p);
                    if (p.peer() != null) {
                        pb = pb.plus(Tone.DIM, " " + g.pair + " ").plus(Tone.TEXT, p.peer().toString());
                    }
                    out.add(marked(ns, p, pb));
                }
                if (ports.isEmpty()) {
                    out.add(Row.of(Tone.DIM, "   " + g.lastBranch + " (no ports)"));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(Row.of(Tone.DIM, " (only lo)"));
        }
        return out;
    }

    private Row state(Row r, Link l) {
        if (!"UP".equals(l.state()) && !"UNKNOWN".equals(l.state())) {
            return r.plus(Tone.WARN, " " + l.state());
        }
        return r;
    }

    private Row addrs(Row r, Link l) {
        for (Address a : l.addresses()) {
            if ("inet".equals(a.family())) {
                r = r.plus(Tone.TEXT, " ").plus(Tone.CODE, a.cidr());
            }
        }
        return r;
    }

    private Box containerBox(Snapshot s, NetNamespace ns, int maxWidth) {
        List<Row> lines = new ArrayList<>();
        for (Link l : ns.links()) {
            if ("loopback".equals(l.type())) {
                if (!"UNKNOWN".equals(l.state()) && !"UP".equals(l.state())) {
                    lines.add(marked(ns.name(), l, Row.of(Tone.DIM, "lo").plus(Tone.WARN, " " + l.state())));
                }
                continue;
            }
            Row body = state(Row.of(Tone.BOLD, l.name()), l);
            if (l.peer() != null && l.peer().namespace() != null && !l.peer().namespace().equals(s.host() == null ? "" : s.host().name())) {
                body = body.plus(Tone.DIM, " " + g.pair + " " + l.peer());
            }
            lines.add(marked(ns.name(), l, body));
            for (Address a : l.addresses()) {
                if ("inet".equals(a.family())) {
                    Tone am = marks.apply(StateText.key(ns.name(), "address", a.cidr() + " on " + l.name()));
                    lines.add(Row.of(am == null ? Tone.TEXT : am, am == null ? " " : "+").plus(Tone.CODE, "  " + a.cidr()));
                }
            }
        }
        for (Route r : ns.routes()) {
            if ("default".equals(r.destination()) && r.gateway() != null) {
                Tone rm = marks.apply(StateText.key(ns.name(), "route", r.text()));
                lines.add(Row.of(rm == null ? Tone.TEXT : rm, rm == null ? " " : "+").plus(Tone.DIM, "gw ")
                        .plus(Tone.CODE, r.gateway()));
            }
        }
        if (lines.isEmpty()) {
            lines.add(Row.of(Tone.DIM, " (only lo)"));
        }
        int w = ns.name().length() + 9;
        for (Row r : lines) {
            w = Math.max(w, r.length() + 3);
        }
        Tone t = tone(StateText.key(ns.name(), "namespace", ""), Tone.HEADING);
        return new Box(ns.name(), t, lines, Math.min(w, maxWidth));
    }

    private static List<Span> concat(List<Span> a, List<Span> b) {
        List<Span> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
