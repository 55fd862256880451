package dev.boxlab.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.boxlab.sandbox.LabState.CgroupDir;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Snapshot.Address;
import dev.boxlab.sandbox.Snapshot.Link;
import dev.boxlab.sandbox.Snapshot.NetNamespace;
import dev.boxlab.sandbox.Snapshot.NsKind;
import dev.boxlab.sandbox.Snapshot.Route;
import dev.boxlab.sandbox.Snapshot.Rule;

/**
 * Lab state as lines of text: a network snapshot per namespace (links with their addresses,
 * routes, rules with counters), mounts, cgroups and processes. Each line carries the keys of the
 * facts it shows, the first being the thing the line is about, so a screen can mark what changed.
 */
public final class StateText {
    /**
     * One line; {@code keys} are the facts it shows, as "namespace|category|subject" for the network
     * (the subjects {@code SnapshotDiff} uses), the first one being the line's own.
     */
    public record Line(String text, Set<String> keys, boolean heading) {
        public String primaryKey() {
            return keys.isEmpty() ? "" : keys.iterator().next();
        }
    }

    private StateText() {}

    public static String key(String ns, String category, String subject) {
        return ns + "|" + category + "|" + subject;
    }

    private static Set<String> keys(String... k) {
        return new LinkedHashSet<>(List.of(k));
    }

    public static List<Line> render(Snapshot s) {
        List<Line> out = new ArrayList<>();
        for (NetNamespace ns : s.namespaces()) {
            String title = switch (ns.kind()) {
                case HOST -> ns.name() + " (the host)" + (ns.ipForward() ? "  ip_forward=1" : "  ip_forward=0");
                case NETNS -> "netns " + ns.name();
                case OUTSIDE -> "outside: " + ns.name();
            };
            out.add(new Line(title, keys(key(ns.name(), "namespace", ""), key(ns.name(), "ip_forward", "")), true));
            if (ns.kind() == NsKind.OUTSIDE) {
                for (Link l : ns.links()) {
                    if (!l.type().equals("loopback")) {
                        out.add(new Line("  " + l.name() + " " + addresses(l), keys(key(ns.name(), "link", l.name())), false));
                    }
                }
                continue;
            }
            for (Link l : ns.links()) {
                Set<String> keys = keys(key(ns.name(), "link", l.name()));
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
                out.add(new Line("  route " + r.text(), keys(key(ns.name(), "route", r.text())), false));
            }
            for (Rule r : ns.rules()) {
                String spec = "-t " + r.table() + " -A " + r.chain() + " " + r.spec();
                out.add(new Line("  " + spec + "  [" + r.packets() + " pkts]", keys(key(ns.name(), "rule", spec)), false));
            }
        }
        return out;
    }

    private static String addresses(Link l) {
        return String.join(" ", l.addresses().stream().map(Address::cidr).toList());
    }

    /** A mount table, one line per mount: where, what filesystem, from what; overlay layers below it. */
    public static List<Line> mounts(List<MountEntry> mounts) {
        List<Line> out = new ArrayList<>();
        for (MountEntry m : mounts) {
            String source = m.source().equals(m.fsType()) || m.source().equals("none") ? "" : "  " + m.source();
            String root = m.root().equals("/") ? "" : " [" + m.root() + "]";
            String ro = (m.options() + ",").startsWith("ro,") ? " ro" : "";
            out.add(new Line(m.mountPoint() + "  " + m.fsType() + ro + source + root,
                    keys("mount|" + m.mountPoint() + "|" + m.fsType()), false));
            for (Map.Entry<String, String> e : m.overlayDirs().entrySet()) {
                out.add(new Line("    " + e.getKey() + "=" + e.getValue(),
                        keys("mount|" + m.mountPoint() + "|" + e.getKey()), false));
            }
        }
        return out;
    }

    /** The lab's cgroup tree: a heading per directory, then its limits and usage. */
    public static List<Line> cgroups(CgroupState state) {
        List<Line> out = new ArrayList<>();
        for (CgroupDir d : state.dirs()) {
            String where = ("unified".equals(d.hierarchy()) ? "" : d.hierarchy() + ":") + d.path();
            out.add(new Line(where, keys("cgroup|" + d.hierarchy() + "|" + d.path()), true));
            for (Map.Entry<String, String> e : d.values().entrySet()) {
                out.add(new Line("  " + e.getKey() + " " + e.getValue(),
                        keys("cgroup|" + d.hierarchy() + "|" + d.path() + "|" + e.getKey()), false));
            }
        }
        return out;
    }

    /**
     * The lab's processes as a tree by parent, each with the namespaces it does not share with the
     * lab's init (pid 1): a process in a container shows "net:4026532xxx" and the like.
     */
    public static List<Line> processes(List<ProcessInfo> processes) {
        List<Line> out = new ArrayList<>();
        ProcessInfo init = processes.stream().filter(p -> p.pid() == 1).findFirst().orElse(null);
        Set<Integer> pids = new LinkedHashSet<>();
        processes.forEach(p -> pids.add(p.pid()));
        // the probe's own ps is not part of the lab's state
        processes = processes.stream().filter(p -> !p.command().startsWith("ps -e -o pid=")).toList();
        for (ProcessInfo p : processes) {
            if (p.ppid() == 0 || !pids.contains(p.ppid())) {
                tree(p, 0, processes, init, out);
            }
        }
        return out;
    }

    private static void tree(ProcessInfo p, int depth, List<ProcessInfo> all, ProcessInfo init, List<Line> out) {
        StringBuilder ns = new StringBuilder();
        if (init != null && p != init) {
            p.namespaces().forEach((k, v) -> {
                if (!v.equals(init.namespaces().get(k))) {
                    ns.append(ns.length() == 0 ? "  [" : " ").append(k).append(':').append(v);
                }
            });
            if (ns.length() > 0) {
                ns.append(']');
            }
        }
        String cmd = p.command().length() > 60 ? p.command().substring(0, 57) + "..." : p.command();
        out.add(new Line("  ".repeat(depth) + p.pid() + " " + cmd + ns, keys("process|" + p.pid() + "|" + p.command()), false));
        if (depth > 12) {
            return;
        }
        for (ProcessInfo c : all) {
            if (c.ppid() == p.pid() && c.pid() != p.pid()) {
                tree(c, depth + 1, all, init, out);
            }
        }
    }
}
