package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Action;
import dev.boxlab.app.session.KeyMap.Mode;

import dev.boxlab.lessons.Lesson;

/** The lesson list: each lesson with its title, summary, step count and progress; Enter opens one. */
final class PickerScreen extends FullScreenView {
    private final List<Lesson> lessons;
    private final ProgressSource progress;
    private final Consumer<Lesson> open;
    private final Runnable quit;
    private int selected;
    private int scroll;
    private boolean help;

    PickerScreen(List<Lesson> lessons, ProgressSource progress, Consumer<Lesson> open, Runnable quit, Theme theme,
                 Glyphs glyphs) {
        super(theme, glyphs);
        this.lessons = lessons;
        this.progress = progress;
        this.open = open;
        this.quit = quit;
    }

    int selected() {
        return selected;
    }

    @Override
    void key(KeyStroke k) {
        if (help) {
            help = false;
            return;
        }
        switch (k.getKeyType()) {
            case ArrowUp -> selected = Math.max(0, selected - 1);
            case ArrowDown -> selected = Math.min(lessons.size() - 1, selected + 1);
            case Home -> selected = 0;
            case End -> selected = lessons.size() - 1;
            case Enter -> {
                if (!lessons.isEmpty()) {
                    open.accept(lessons.get(selected));
                }
            }
            case EOF, Escape -> quit.run();
            case Character -> {
                char c = k.getCharacter();
                if (k.isCtrlDown() && (c == 'c' || c == 'q')) {
                    quit.run();
                } else if (KeyMap.letter(Mode.PICKER, c).orElse(null) == Action.QUIT) {
                    quit.run();
                } else if (c == 'k') {
                    selected = Math.max(0, selected - 1);
                } else if (c == 'j') {
                    selected = Math.min(lessons.size() - 1, selected + 1);
                } else if (KeyMap.letter(Mode.PICKER, c).orElse(null) == Action.HELP) {
                    help = true;
                } else if (c >= '1' && c <= '9' && c - '1' < lessons.size()) {
                    selected = c - '1';
                    open.accept(lessons.get(selected));
                }
            }
            default -> {
                Action a = k.getKeyType().name().matches("F\\d+")
                        ? KeyMap.fkey(Mode.PICKER, Integer.parseInt(k.getKeyType().name().substring(1))).orElse(null) : null;
                if (a == Action.HELP) {
                    help = true;
                } else if (a == Action.QUIT) {
                    quit.run();
                }
            }
        }
    }

    private Row listRow(int i, int width, int idW) {
        Lesson l = lessons.get(i);
        boolean sel = i == selected;
        String right = String.format("%-" + idW + "s %2d steps  %-12s", l.id(), l.steps().size(), shortProgress(l));
        String title = (i + 1) + ". " + l.title();
        int tw = Math.max(8, width - 2 - right.length() - 1);
        if (title.length() > tw) {
            title = title.substring(0, tw - 1) + "…";
        }
        Row r = Row.of(sel ? Tone.SELECTED : Tone.TEXT, (sel ? glyphs.selected : " ") + " " + title
                + " ".repeat(Math.max(1, tw - title.length() + 1)));
        int done = progress.done(l);
        Tone pt = sel ? Tone.SELECTED : done >= l.steps().size() ? Tone.OK : done > 0 ? Tone.CHANGED : Tone.DIM;
        return r.plus(sel ? Tone.SELECTED : Tone.DIM, right.substring(0, idW + 10)).plus(pt, right.substring(idW + 10));
    }

    private String shortProgress(Lesson l) {
        int done = progress.done(l);
        int n = l.steps().size();
        return done == 0 ? (progress.current(l) == null ? "not started" : "started") : done >= n ? glyphs.ok + " done" : done + "/" + n + " done";
    }

    private List<Row> preview(Lesson l, int width) {
        List<Row> out = new ArrayList<>();
        if (l.summary() != null && !l.summary().isBlank()) {
            out.addAll(Row.text(l.summary()).wrap(width, 0));
        }
        Row steps = Row.of(Tone.DIM, "Steps: ");
        for (int i = 0; i < l.steps().size(); i++) {
            Lesson.Step st = l.steps().get(i);
            boolean done = progress.isDone(l, st.id());
            steps = steps.plus(done ? Tone.OK : Tone.TEXT, (i + 1) + " " + st.id() + (done ? " " + glyphs.ok : ""))
                    .plus(Tone.DIM, i + 1 < l.steps().size() ? " · " : "");
        }
        out.addAll(steps.wrap(width, 7));
        out.add(Row.of(Tone.DIM, "Progress: ").plus(Tone.TEXT, progressText(l)));
        out.add(Row.of(Tone.DIM, "Enter opens it in a fresh lab;  boxlab --lesson " + l.id() + " opens it directly"));
        return out;
    }

    private String progressText(Lesson l) {
        int done = progress.done(l);
        int n = l.steps().size();
        if (done == 0) {
            String cur = progress.current(l);
            return cur == null ? "not started" : "started, at step " + cur;
        }
        if (done >= n) {
            return glyphs.ok + " all " + n + " steps done";
        }
        String cur = progress.current(l);
        return done + "/" + n + " steps done" + (cur == null ? "" : ", at step " + cur);
    }

    @Override
    void draw(TextGraphics g, TerminalSize size) {
        int w = size.getColumns();
        int h = size.getRows();
        clear(g, size);
        fill(g, 0, 0, w, Tone.BAR);
        put(g, 0, 0, Row.of(Tone.TITLE, " boxlab ").plus(Tone.BAR, " a terminal playground for Linux container internals"), w);
        int margin = w >= 100 ? 3 : 1;
        int cw = Math.min(w - 2 * margin, 120);
        put(g, margin, 2, Row.of(Tone.HEADING, "Pick a lesson").plus(Tone.DIM, "  " + lessons.size() + " lessons"), cw);
        if (lessons.isEmpty()) {
            put(g, margin, 4, Row.of(Tone.WARN, "no lessons found"), cw);
        } else {
            // the list on top, the chosen lesson's details below it (as htop and lazygit do)
            List<Row> preview = preview(lessons.get(selected), cw);
            int listTop = 4;
            int listH = Math.max(3, Math.min(lessons.size(), h - listTop - 3 - Math.min(preview.size(), Math.max(4, h / 3))));
            if (selected < scroll) {
                scroll = selected;
            } else if (selected >= scroll + listH) {
                scroll = selected - listH + 1;
            }
            int idW = lessons.stream().mapToInt(l -> l.id().length()).max().orElse(8);
            for (int i = 0; i < listH && scroll + i < lessons.size(); i++) {
                put(g, margin, listTop + i, listRow(scroll + i, cw, idW), cw);
            }
            if (scroll > 0) {
                put(g, margin + cw - 3, listTop, Row.of(Tone.DIM, " ↑ "), 3);
            }
            if (scroll + listH < lessons.size()) {
                put(g, margin + cw - 3, listTop + listH - 1, Row.of(Tone.DIM, " ↓ "), 3);
            }
            int py = listTop + listH + 1;
            hline(g, margin, py, cw, Tone.BORDER);
            put(g, margin + 1, py, Row.of(Tone.HEADING, " " + lessons.get(selected).title() + " "), cw - 2);
            for (int i = 0; i < preview.size() && py + 1 + i < h - 1; i++) {
                put(g, margin, py + 1 + i, preview.get(i), cw);
            }
        }
        keyBar(g, h - 1, w, Row.EMPTY, KeyBar.keys(Mode.PICKER));
        if (help) {
            List<Row> rows = new ArrayList<>(List.of(
                    Row.text("Each lesson builds real namespaces, veth pairs, bridges, NAT rules,"),
                    Row.text("mounts and cgroups on this machine's kernel, inside a lab that"),
                    Row.text("vanishes when boxlab exits."),
                    Row.EMPTY));
            rows.addAll(KeyBar.keyRows(Mode.PICKER));
            rows.add(Row.EMPTY);
            rows.add(Row.of(Tone.DIM, "Any key closes this help."));
            overlay(g, size, "boxlab", rows);
        }
    }
}
