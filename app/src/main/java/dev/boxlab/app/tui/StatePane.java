package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.googlecode.lanterna.graphics.TextGraphics;

import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.StateText;
import dev.boxlab.app.session.View;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.SnapshotDiff;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * Draws what {@link LiveState} publishes, as the state pane shows it: added lines carry "+",
 * changed ones "~", and removed ones are listed with "-" where they were. Keeps nothing of its own.
 */
final class StatePane extends Region<StatePane> {
    private final LiveState live;
    private final Paint paint;
    private int scroll;
    private int page = 10;

    StatePane(LiveState live, Paint paint) {
        this.live = live;
        this.paint = paint;
    }

    void top() {
        scroll = 0;
    }

    void scroll(int by) {
        scroll = Math.max(0, scroll + by);
    }

    int page() {
        return page;
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        View view = live.view();
        int cw = w - 1;
        List<Row> rows = rows(view, cw, paint.glyphs);
        int bodyH = h - 1;
        page = bodyH;
        scroll = Math.min(scroll, Math.max(0, rows.size() - bodyH));
        int marks = live.markCount(view);
        String extra = (marks > 0 ? marks + " changed" : "")
                + (rows.size() > bodyH ? (marks > 0 ? " " : "") + Paint.scrollInfo(scroll, rows.size(), bodyH) : "");
        paint.header(g, 0, 0, w, "State: " + view.word + " (v)", extra, focused);
        for (int i = 0; i < bodyH && scroll + i < rows.size(); i++) {
            paint.put(g, 1, 1 + i, rows.get(scroll + i), cw);
        }
    }

    Tone mark(String key) {
        return tone(live.mark(key));
    }

    static Tone tone(LiveState.Mark m) {
        return m == null ? null : Tone.valueOf(m.name());
    }

    /** The rows of a view at this width. */
    List<Row> rows(View v, int width, Glyphs g) {
        List<Row> out = new ArrayList<>();
        String err = live.error(v);
        if (err != null) {
            out.add(Row.of(Tone.WARN, err));
        }
        if (v == View.NETWORK) {
            Snapshot snapshot = live.snapshot();
            if (snapshot == null) {
                if (err == null) {
                    out.add(Row.of(Tone.DIM, "waiting for the lab" + g.running));
                }
                return Row.wrapAll(out, width, 2);
            }
            out.addAll(Topology.draw(snapshot, width, g, this::mark));
            out.add(Row.EMPTY);
            out.addAll(networkDetails(snapshot, width));
            return out;
        }
        List<StateText.Line> l = live.lines(v);
        if (v == View.MOUNTS) {
            out.add(Row.of(Tone.DIM, "mounts of ").plus(Tone.BOLD, live.mountsLabel()).plus(Tone.DIM, "  ([ ] other processes)"));
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
        out.addAll(keyed(l, live.baseline(v), width, v == View.PROCESSES ? 4 : 6));
        return out;
    }

    private List<Row> networkDetails(Snapshot snapshot, int width) {
        List<Row> out = new ArrayList<>();
        List<StateText.Line> all = StateText.render(snapshot);
        Map<String, List<Change>> removedByNs = new LinkedHashMap<>();
        for (Change c : live.changes()) {
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
                Tone t = mark(k);
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
}
