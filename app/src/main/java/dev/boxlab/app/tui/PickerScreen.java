package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

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
            case F1 -> help = true;
            case F10, EOF, Escape -> quit.run();
            case Character -> {
                char c = k.getCharacter();
                if (k.isCtrlDown() && (c == 'c' || c == 'q')) {
                    quit.run();
                } else if (c == 'q') {
                    quit.run();
                } else if (c == 'k') {
                    selected = Math.max(0, selected - 1);
                } else if (c == 'j') {
                    selected = Math.min(lessons.size() - 1, selected + 1);
                } else if (c == '?') {
                    help = true;
                } else if (c >= '1' && c <= '9' && c - '1' < lessons.size()) {
                    selected = c - '1';
                    open.accept(lessons.get(selected));
                }
            }
            default -> {
                // nothing else does anything here
            }
        }
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
        int margin = w >= 100 ? 4 : 2;
        int cw = Math.min(w - 2 * margin, 110);
        int y = 2;
        put(g, margin, y++, Row.of(Tone.HEADING, "Pick a lesson").plus(Tone.DIM, "  (" + lessons.size() + ")"), cw);
        y++;
        List<List<Row>> cards = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            Lesson l = lessons.get(i);
            boolean sel = i == selected;
            List<Row> card = new ArrayList<>();
            String steps = l.steps().size() + " steps";
            Row title = Row.of(sel ? Tone.FOCUS : Tone.TEXT, (sel ? glyphs.selected : " ") + " ")
                    .plus(sel ? Tone.FOCUS : Tone.BOLD, (i + 1) + ". " + l.title());
            int pad = Math.max(1, cw - title.length() - steps.length());
            card.add(title.plus(Tone.TEXT, " ".repeat(pad)).plus(Tone.DIM, steps));
            for (Row r : Row.of(Tone.TEXT, l.summary() == null ? "" : l.summary()).wrap(cw - 5, 0)) {
                card.add(Row.text("     ").plus(Tone.TEXT, r.plain()));
            }
            int done = progress.done(l);
            Tone pt = done >= l.steps().size() ? Tone.OK : done > 0 ? Tone.CHANGED : Tone.DIM;
            card.add(Row.text("     ").plus(Tone.DIM, l.id() + "  ").plus(pt, progressText(l)));
            card.add(Row.EMPTY);
            cards.add(card);
        }
        int avail = h - y - 2;
        // keep the selected card in view
        int start = 0;
        int used = 0;
        for (int i = 0; i <= selected && i < cards.size(); i++) {
            used += cards.get(i).size();
        }
        while (used > avail && start < selected) {
            used -= cards.get(start).size();
            start++;
        }
        scroll = start;
        for (int i = scroll; i < cards.size() && y < h - 2; i++) {
            for (Row r : cards.get(i)) {
                if (y >= h - 2) {
                    break;
                }
                put(g, margin, y++, r, cw);
            }
        }
        if (lessons.isEmpty()) {
            put(g, margin, y, Row.of(Tone.WARN, "no lessons found"), cw);
        }
        keyBar(g, h - 1, w, Row.EMPTY, new String[][] {{"↑↓", "choose"}, {"Enter", "open"}, {"1-9", "open by number"},
            {"?", "help"}, {"q", "quit"}});
        if (help) {
            List<Row> rows = List.of(
                    Row.text("Each lesson builds real namespaces, veth pairs, bridges, NAT rules,"),
                    Row.text("mounts and cgroups on this machine's kernel, inside a lab that"),
                    Row.text("vanishes when boxlab exits."),
                    Row.EMPTY,
                    Row.of(Tone.KEY, "Up Down j k").plus(Tone.TEXT, "  choose a lesson"),
                    Row.of(Tone.KEY, "Enter 1-9  ").plus(Tone.TEXT, "  open it (a lab starts)"),
                    Row.of(Tone.KEY, "q Esc F10  ").plus(Tone.TEXT, "  quit"),
                    Row.EMPTY,
                    Row.of(Tone.DIM, "Any key closes this help."));
            overlay(g, size, "boxlab", rows);
        }
    }
}
