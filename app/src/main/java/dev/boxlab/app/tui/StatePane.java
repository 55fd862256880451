package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.boxlab.app.StateText;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.SnapshotDiff;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * What the kernel holds, as the state pane shows it, and what changed since just before the last
 * command (the baseline): added lines carry "+", changed ones "~", and removed ones are listed with
 * "-" where they were. Network changes come from {@link SnapshotDiff}; the other views compare
 * their keyed lines. Lives on the GUI thread.
 */
final class StatePane {
    private Snapshot snapshot;
    private Snapshot baseline;
    private List<Change> changes = List.of();
    private final Map<String, Tone> marks = new LinkedHashMap<>();

    private final Map<View, List<StateText.Line>> lines = new EnumMap<>(View.class);
    private final Map<View, Map<String, String>> baselines = new EnumMap<>(View.class);
    private List<ProcessInfo> processes = List.of();
    private Integer mountsOf;
    private String mountsLabel = "the lab host (pid 1)";
    private final Map<View, String> errors = new EnumMap<>(View.class);

    Snapshot snapshot() {
        return snapshot;
    }

    List<Change> changes() {
        return changes;
    }

    /** A new network snapshot; marks are what differs from the baseline. */
    void network(Snapshot s) {
        snapshot = s;
        errors.remove(View.NETWORK);
        remark();
    }

    /** Sets what "before the last command" was; null clears every mark (a fresh lab). */
    void baseline(Snapshot before) {
        baseline = before;
        remark();
    }

    void clearMarks() {
        baseline = null;
        baselines.clear();
        remark();
    }

    private void remark() {
        marks.clear();
        changes = baseline == null || snapshot == null ? List.of() : SnapshotDiff.diff(baseline, snapshot);
        for (Change c : changes) {
            Tone t = switch (c.kind()) {
                case ADDED -> Tone.ADDED;
                case REMOVED -> Tone.REMOVED;
                case CHANGED -> Tone.CHANGED;
            };
            marks.put(StateText.key(c.namespace(), c.category(), c.subject().replaceAll(" #\\d+$", "")), t);
        }
    }

    Tone mark(String key) {
        return marks.get(key);
    }

    void lines(View v, List<StateText.Line> l) {
        lines.put(v, l);
        errors.remove(v);
    }

    void error(View v, String message) {
        errors.put(v, message);
    }

    /** Remembers the view's lines as they are now: what the next command's marks compare with. */
    void baselineView(View v, List<StateText.Line> before) {
        if (before == null) {
            baselines.remove(v);
            return;
        }
        Map<String, String> m = new LinkedHashMap<>();
        before.forEach(l -> m.put(l.primaryKey(), l.text()));
        baselines.put(v, m);
    }

    void processes(List<ProcessInfo> p) {
        processes = p;
    }

    Integer mountsOf() {
        return mountsOf;
    }

    String mountsLabel() {
        return mountsLabel;
    }

    /** Cycles the mount table shown: the lab host, then each process with a mount namespace of its own. */
    void nextMountTarget(int dir) {
        List<ProcessInfo> own = new ArrayList<>();
        ProcessInfo init = processes.stream().filter(p -> p.pid() == 1).findFirst().orElse(null);
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (init != null) {
            seen.add(init.namespaces().get("mnt"));
        }
        for (ProcessInfo p : processes) {
            if (seen.add(p.namespaces().get("mnt"))) {
                own.add(p);
            }
        }
        List<Integer> targets = new ArrayList<>();
        targets.add(null);
        own.forEach(p -> targets.add(p.pid()));
        int i = targets.indexOf(mountsOf);
        int n = Math.floorMod(i + dir, targets.size());
        mountsOf = targets.get(n);
        if (mountsOf == null) {
            mountsLabel = "the lab host (pid 1)";
        } else {
            ProcessInfo p = own.get(n - 1);
            String cmd = p.command().length() > 30 ? p.command().substring(0, 27) + "..." : p.command();
            mountsLabel = "pid " + p.pid() + " " + cmd;
        }
        lines.remove(View.MOUNTS);
        baselines.remove(View.MOUNTS);
    }

    int targetCount() {
        return processes.size();
    }

    /** The rows of a view at this width. */
    List<Row> rows(View v, int width, Glyphs g) {
        List<Row> out = new ArrayList<>();
        String err = errors.get(v);
        if (err != null) {
            out.add(Row.of(Tone.WARN, err));
        }
        if (v == View.NETWORK) {
            if (snapshot == null) {
                if (err == null) {
                    out.add(Row.of(Tone.DIM, "waiting for the lab" + g.running));
                }
                return Row.wrapAll(out, width, 2);
            }
            out.addAll(Topology.draw(snapshot, width, g, this::mark));
            out.add(Row.EMPTY);
            out.addAll(networkDetails(width));
            return out;
        }
        List<StateText.Line> l = lines.get(v);
        if (v == View.MOUNTS) {
            out.add(Row.of(Tone.DIM, "mounts of ").plus(Tone.BOLD, mountsLabel).plus(Tone.DIM, "  ([ ] other processes)"));
        }
        if (l == null) {
            if (err == null) {
                out.add(Row.of(Tone.DIM, "reading " + v.word + g.running));
            }
            return Row.wrapAll(out, width, 2);
        }
        if (v == View.CGROUPS && l.isEmpty()) {
            out.add(Row.of(Tone.DIM, "no cgroups in this lab"));
        }
        out.addAll(keyed(l, baselines.get(v), width, v == View.PROCESSES ? 4 : 6));
        return out;
    }

    private List<Row> networkDetails(int width) {
        List<Row> out = new ArrayList<>();
        List<StateText.Line> all = StateText.render(snapshot);
        Map<String, List<Change>> removedByNs = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.kind() == SnapshotDiff.Kind.REMOVED) {
                removedByNs.computeIfAbsent(c.namespace(), k -> new ArrayList<>()).add(c);
            }
        }
        String ns = null;
        for (StateText.Line line : all) {
            if (line.heading()) {
                flushRemoved(out, removedByNs.remove(ns), width);
                ns = line.primaryKey().split("\\|", 2)[0];
            }
            Tone m = null;
            boolean first = true;
            for (String k : line.keys()) {
                Tone t = marks.get(k);
                if (t != null && t != Tone.REMOVED) {
                    m = first ? t : (m == null ? Tone.CHANGED : m);
                }
                first = false;
            }
            if (line.heading()) {
                out.addAll(sign(m).plus(m == Tone.ADDED ? Tone.ADDED : Tone.HEADING, line.text()).wrap(width, 4));
            } else {
                out.addAll(sign(m).plus(m == null ? Tone.TEXT : m, line.text()).wrap(width, 6));
            }
        }
        flushRemoved(out, removedByNs.remove(ns), width);
        for (List<Change> rest : removedByNs.values()) {
            flushRemoved(out, rest, width);
        }
        return out;
    }

    private static void flushRemoved(List<Row> out, List<Change> removed, int width) {
        if (removed == null) {
            return;
        }
        for (Change c : removed) {
            String what = "namespace".equals(c.category()) ? c.namespace() + " (namespace)" : c.category() + " " + c.subject();
            out.addAll(Row.of(Tone.REMOVED, "-   " + what + "  (removed)").wrap(width, 6));
        }
    }

    private static Row sign(Tone m) {
        if (m == null) {
            return Row.text("  ");
        }
        return Row.of(m, m == Tone.ADDED ? "+ " : m == Tone.REMOVED ? "- " : "~ ");
    }

    private static List<Row> keyed(List<StateText.Line> l, Map<String, String> base, int width, int indent) {
        List<Row> out = new ArrayList<>();
        java.util.Set<String> present = new java.util.HashSet<>();
        for (StateText.Line line : l) {
            present.add(line.primaryKey());
            Tone m = null;
            if (base != null) {
                String before = base.get(line.primaryKey());
                m = before == null ? Tone.ADDED : before.equals(line.text()) ? null : Tone.CHANGED;
            }
            Tone t = m != null ? m : line.heading() ? Tone.HEADING : Tone.TEXT;
            out.addAll(sign(m).plus(t, line.text()).wrap(width, indent));
        }
        if (base != null) {
            for (Map.Entry<String, String> e : base.entrySet()) {
                if (!present.contains(e.getKey())) {
                    out.addAll(Row.of(Tone.REMOVED, "- " + e.getValue().strip() + "  (removed)").wrap(width, indent));
                }
            }
        }
        return out;
    }

    /** How many marks the current view has: the pane's title says it. */
    int markCount(View v) {
        if (v == View.NETWORK) {
            return changes.size();
        }
        Map<String, String> base = baselines.get(v);
        List<StateText.Line> l = lines.get(v);
        if (base == null || l == null) {
            return 0;
        }
        int n = 0;
        java.util.Set<String> present = new java.util.HashSet<>();
        for (StateText.Line line : l) {
            present.add(line.primaryKey());
            if (!line.text().equals(base.get(line.primaryKey()))) {
                n++;
            }
        }
        for (String k : base.keySet()) {
            if (!present.contains(k)) {
                n++;
            }
        }
        return n;
    }
}
