package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * One screen that fills the terminal and draws itself: the picker or the lesson. Lanterna's window
 * gives it every key (returning HANDLED keeps Tab and arrows from moving focus) and redraws it when
 * it is invalidated or the terminal is resized.
 */
abstract class FullScreenView extends AbstractInteractableComponent<FullScreenView> {
    protected final Theme theme;
    protected final Glyphs glyphs;

    FullScreenView(Theme theme, Glyphs glyphs) {
        this.theme = theme;
        this.glyphs = glyphs;
    }

    private Runnable onFirstDraw;

    /** Runs once, after the first frame is drawn (startup measurements). */
    void onFirstDraw(Runnable r) {
        onFirstDraw = r;
    }

    /** Draws the whole screen at this size. */
    abstract void draw(TextGraphics g, TerminalSize size);

    /** Handles one key; the screen is redrawn after. */
    abstract void key(KeyStroke key);

    /** Where the text cursor is, or null to hide it. */
    TerminalPosition cursor() {
        return null;
    }

    @Override
    protected Result handleKeyStroke(KeyStroke keyStroke) {
        key(keyStroke);
        invalidate();
        return Result.HANDLED;
    }

    @Override
    public TerminalPosition getCursorLocation() {
        return cursor();
    }

    @Override
    protected InteractableRenderer<FullScreenView> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalPosition getCursorLocation(FullScreenView component) {
                return component.cursor();
            }

            @Override
            public TerminalSize getPreferredSize(FullScreenView component) {
                return new TerminalSize(80, 24);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, FullScreenView component) {
                component.draw(graphics, graphics.getSize());
                Runnable r = component.onFirstDraw;
                if (r != null) {
                    component.onFirstDraw = null;
                    r.run();
                }
            }
        };
    }

    // drawing helpers shared by the screens

    /** Blanks the whole screen. */
    void clear(TextGraphics g, TerminalSize size) {
        for (int y = 0; y < size.getRows(); y++) {
            fill(g, 0, y, size.getColumns(), Tone.TEXT);
        }
    }

    /** The key bar: {@code lead} (a message), then each {key, what it does}. */
    void keyBar(TextGraphics g, int y, int w, Row lead, String[][] keys) {
        fill(g, 0, y, w, Tone.BAR);
        Row r = lead;
        for (String[] k : keys) {
            String key = glyphs == Glyphs.ASCII && k[0].equals("↑↓") ? "Up/Dn" : k[0];
            r = r.plus(Tone.BAR_KEY, " " + key).plus(Tone.BAR, " " + k[1]);
        }
        put(g, 0, y, r, w);
    }

    void fill(TextGraphics g, int x, int y, int w, Tone tone) {
        if (w <= 0) {
            return;
        }
        theme.apply(g, tone);
        g.putString(x, y, " ".repeat(w));
    }

    /** Draws a row from (x, y), clipped to {@code w} columns; returns the column after it. */
    int put(TextGraphics g, int x, int y, Row row, int w) {
        int end = x + w;
        for (Span s : row.spans()) {
            if (x >= end) {
                break;
            }
            String t = s.text();
            if (t.length() > end - x) {
                t = t.substring(0, end - x);
            }
            theme.apply(g, s.tone());
            g.putString(x, y, clean(t));
            x += t.length();
        }
        return x;
    }

    /** Control characters (tabs, escapes from command output) would move the terminal's cursor. */
    static String clean(String s) {
        boolean ok = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    void hline(TextGraphics g, int x, int y, int w, Tone tone) {
        theme.apply(g, tone);
        for (int i = 0; i < w; i++) {
            g.setCharacter(x + i, y, glyphs.h);
        }
    }

    /** A centred box over the screen with rows inside: help, questions. */
    void overlay(TextGraphics g, TerminalSize size, String title, java.util.List<Row> rows) {
        int w = Math.min(size.getColumns() - 2, Math.max(title.length() + 8, rows.stream().mapToInt(Row::length).max().orElse(20) + 4));
        int h = Math.min(size.getRows() - 2, rows.size() + 2);
        int x = (size.getColumns() - w) / 2;
        int y = Math.max(1, (size.getRows() - h) / 2);
        for (int j = 0; j < h; j++) {
            fill(g, x, y + j, w, Tone.TEXT);
        }
        theme.apply(g, Tone.FOCUS);
        g.setCharacter(x, y, glyphs.tl);
        g.setCharacter(x + w - 1, y, glyphs.tr);
        g.setCharacter(x, y + h - 1, glyphs.bl);
        g.setCharacter(x + w - 1, y + h - 1, glyphs.br);
        for (int i = 1; i < w - 1; i++) {
            g.setCharacter(x + i, y, glyphs.h);
            g.setCharacter(x + i, y + h - 1, glyphs.h);
        }
        for (int j = 1; j < h - 1; j++) {
            g.setCharacter(x, y + j, glyphs.v);
            g.setCharacter(x + w - 1, y + j, glyphs.v);
        }
        put(g, x + 2, y, Row.of(Tone.FOCUS, " " + title + " "), w - 4);
        for (int j = 0; j < h - 2 && j < rows.size(); j++) {
            put(g, x + 2, y + 1 + j, rows.get(j), w - 4);
        }
    }
}
