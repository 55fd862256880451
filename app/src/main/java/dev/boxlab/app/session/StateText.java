package dev.boxlab.app.session;

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

    /**
     * The overlay mounts of the lab host as image layers: each mount, then its upper dir and its
     * lower layers (top first) with their size, entry count and whiteouts, and the entries of each
     * (files a step added, whiteouts a delete left).
     */
    public static List<Line> layers(List<dev.boxlab.sandbox.Layers.Stack> stacks) {
        List<Line> out = new ArrayList<>();
        if (stacks.isEmpty()) {
            out.add(new Line("no overlay mounts on the lab host", keys("layers|none"), false));
            return out;
        }
        for (dev.boxlab.sandbox.Layers.Stack st : stacks) {
            out.add(new Line(st.mountPoint() + "  overlay", keys("layers|" + st.mountPoint()), true));
            List<dev.boxlab.sandbox.Layers.LayerDir> all = new ArrayList<>();
            if (st.upper() != null) {
                all.add(st.upper());
            }
            all.addAll(st.lowers());
            for (int i = 0; i < all.size(); i++) {
                dev.boxlab.sandbox.Layers.LayerDir d = all.get(i);
                String role = st.upper() != null && i == 0 ? "upper" : "lower " + (st.upper() != null ? i : i + 1);
                String size = d.exists() ? human(d.bytes()) + ", " + d.entryCount() + " entries"
                        + (d.whiteouts() > 0 ? ", " + d.whiteouts() + " whiteout" + (d.whiteouts() > 1 ? "s" : "") : "")
                        : "missing";
                out.add(new Line("  " + role + " " + d.path() + "  " + size,
                        keys("layers|" + st.mountPoint() + "|" + d.path(), "layers|" + st.mountPoint() + "|" + d.path() + "|" + size), false));
                // the files and whiteouts a layer holds; directories and symlinks (a busybox root's
                // 300 applets) would drown them
                List<dev.boxlab.sandbox.Layers.Entry> listed = d.entries().stream()
                        .filter(e -> e.kind() != dev.boxlab.sandbox.Layers.Kind.DIR && e.kind() != dev.boxlab.sandbox.Layers.Kind.LINK)
                        .toList();
                int shown = 0;
                for (dev.boxlab.sandbox.Layers.Entry e : listed) {
                    if (shown >= 8) {
                        out.add(new Line("      ... " + (listed.size() - shown) + " more", keys("layers|" + d.path() + "|more"), false));
                        break;
                    }
                    shown++;
                    String what = switch (e.kind()) {
                        case WHITEOUT -> "whiteout (deleted below)";
                        case LINK -> "link";
                        default -> human(e.bytes());
                    };
                    out.add(new Line("      " + e.path() + "  " + what,
                            keys("layers|" + d.path() + "|" + e.path() + "|" + what), false));
                }
            }
        }
        return out;
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
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
