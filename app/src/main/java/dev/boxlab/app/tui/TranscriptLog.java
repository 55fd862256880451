package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.graphics.TextGraphics;

import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * What the transcript pane shows: every command run in the lab from this screen (the learner's and
 * the lesson's) with its output as it streams in, its exit code and what it changed; and notes
 * (step changes, the lab starting). Lives on the GUI thread.
 */
final class TranscriptLog extends Region<TranscriptLog> {
    static final int MAX_OUTPUT_CHARS = 64 * 1024;
    static final int MAX_ENTRIES = 400;
    static final int MAX_CHANGES_SHOWN = 6;

    final class Entry {
        final String command;
        final String source;
        final Row note;
        final StringBuilder output = new StringBuilder();
        Integer exit;
        boolean timedOut;
        List<Change> changes = List.of();
        boolean truncated;

        Entry(String command, String source, Row note) {
            this.command = command;
            this.source = source;
            this.note = note;
        }

        void append(String chunk) {
            output.append(chunk);
            if (output.length() > MAX_OUTPUT_CHARS) {
                output.delete(0, output.length() - MAX_OUTPUT_CHARS);
                truncated = true;
            }
            version++;
        }

        void finish(int exitCode, boolean timedOut, List<Change> changes) {
            this.exit = exitCode;
            this.timedOut = timedOut;
            this.changes = changes;
            version++;
        }

        boolean running() {
            return command != null && exit == null;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Glyphs g;
    private final Paint paint;
    private long version;
    /** How many rows above the end the pane shows (0: it follows the end). */
    private int back;
    private int page = 5;

    TranscriptLog(Paint paint) {
        this.paint = paint;
        this.g = paint.glyphs;
    }

    Entry command(String command, String source) {
        return add(new Entry(command, source, null));
    }

    /** An entry made off the GUI thread, shown once {@link #add} runs on it. */
    Entry detached(String command, String source) {
        return new Entry(command, source, null);
    }

    void attach(Entry e) {
        add(e);
    }

    void note(Row note) {
        add(new Entry(null, null, note));
    }

    private Entry add(Entry e) {
        entries.add(e);
        if (entries.size() > MAX_ENTRIES) {
            entries.remove(0);
        }
        version++;
        return e;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Changes with every output; a cheap way for the screen to know whether to follow the end. */
    long version() {
        return version;
    }

    List<Row> rows(int width) {
        List<Row> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.note != null) {
                out.addAll(e.note.wrap(width, 2));
                continue;
            }
            Row head = "lesson".equals(e.source)
                    ? Row.of(Tone.DIM, "lesson# ").plus(Tone.COMMAND, e.command.replace("\n", " ⏎ "))
                    : Row.of(Tone.PROMPT, "lab-host# ").plus(Tone.COMMAND, e.command);
            if (e.running()) {
                head = head.plus(Tone.DIM, "  " + g.running);
            }
            out.addAll(head.wrap(width, 4));
            if (e.truncated) {
                out.add(Row.of(Tone.DIM, "  (earlier output cut)"));
            }
            String text = e.output.toString();
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (!text.isEmpty()) {
                for (String line : text.split("\n", -1)) {
                    out.addAll(Row.text("  " + line.replace("\t", "    ").replace("\r", "")).wrap(width, 4));
                }
            }
            if (e.exit != null && e.exit != 0) {
                out.add(Row.of(Tone.WARN, e.timedOut ? "  (stopped)" : "  (exit " + e.exit + ")"));
            }
            int shown = 0;
            for (Change c : e.changes) {
                if (shown++ == MAX_CHANGES_SHOWN) {
                    out.add(Row.of(Tone.DIM, "  " + g.running + " and " + (e.changes.size() - MAX_CHANGES_SHOWN)
                            + " more changes, marked in the state pane"));
                    break;
                }
                out.addAll(Row.of(Tone.of(c.kind()), "  " + c.describe()).wrap(width, 6));
            }
        }
        return out;
    }

    void follow() {
        back = 0;
    }

    /** Scrolls by {@code by} rows (negative: up, into the past). */
    void scroll(int by) {
        back = Math.max(0, back - by);
    }

    int page() {
        return page;
    }

    /** The transcript pane: the last rows that fit, or earlier ones while scrolled back. */
    @Override
    void render(TextGraphics gr, int w, int h, boolean focused) {
        List<Row> rows = rows(w - 2);
        int bodyH = h - 1;
        page = bodyH;
        back = Math.min(back, Math.max(0, rows.size() - bodyH));
        int top = Math.max(0, rows.size() - bodyH - back);
        paint.header(gr, 0, 0, w, "Transcript", back > 0 ? back + " lines below (End)" : "", focused);
        for (int i = 0; i < bodyH && top + i < rows.size(); i++) {
            paint.put(gr, 1, 1 + i, rows.get(top + i), w - 2);
        }
    }
}
