package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Drawing on a screen in a theme and a glyph set: rows, bars, lines, boxes. Shared by every screen and pane. */
final class Paint {
    final Theme theme;
    final Glyphs glyphs;

    Paint(Theme theme, Glyphs glyphs) {
        this.theme = theme;
        this.glyphs = glyphs;
    }

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

    /** A pane's title line: its name, and {@code extra} (scroll position, marks) at the right. */
    void header(TextGraphics g, int x, int y, int w, String title, String extra, boolean focused) {
        hline(g, x, y, w, focused ? Tone.FOCUS : Tone.BORDER);
        int end = put(g, x + 1, y, Row.of(focused ? Tone.FOCUS : Tone.HEADING, " " + title + " "), w - 2);
        if (extra != null && !extra.isEmpty() && end + extra.length() + 3 < x + w) {
            put(g, x + w - extra.length() - 2, y, Row.of(Tone.DIM, " " + extra + " "), extra.length() + 2);
        }
    }

    /** "42%" when {@code total} rows do not fit in {@code height}. */
    static String scrollInfo(int top, int total, int height) {
        if (total <= height) {
            return "";
        }
        int pct = (int) Math.round(100.0 * Math.min(total, top + height) / total);
        return pct + "%";
    }
}
