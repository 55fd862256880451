package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

/** A grid of characters and tones that grows downwards: for drawings (boxes and lines) turned into rows. */
final class Canvas {
    private final int width;
    private final List<char[]> chars = new ArrayList<>();
    private final List<Tone[]> tones = new ArrayList<>();

    Canvas(int width) {
        this.width = Math.max(1, width);
    }

    int width() {
        return width;
    }

    int height() {
        return chars.size();
    }

    private void ensure(int y) {
        while (chars.size() <= y) {
            char[] c = new char[width];
            java.util.Arrays.fill(c, ' ');
            Tone[] t = new Tone[width];
            java.util.Arrays.fill(t, Tone.TEXT);
            chars.add(c);
            tones.add(t);
        }
    }

    void put(int x, int y, char c, Tone tone) {
        if (x < 0 || x >= width || y < 0) {
            return;
        }
        ensure(y);
        chars.get(y)[x] = c;
        tones.get(y)[x] = tone;
    }

    char at(int x, int y) {
        return y < chars.size() && x >= 0 && x < width ? chars.get(y)[x] : ' ';
    }

    /** Writes text from x, clipped at {@code maxX} (exclusive); returns the column after it. */
    int put(int x, int y, String s, Tone tone, int maxX) {
        for (int i = 0; i < s.length() && x < Math.min(maxX, width); i++, x++) {
            put(x, y, s.charAt(i), tone);
        }
        return x;
    }

    int put(int x, int y, Row row, int maxX) {
        for (Span s : row.spans()) {
            x = put(x, y, s.text(), s.tone(), maxX);
        }
        return x;
    }

    /** A box with a title in its top border; the inside is left for the caller. */
    void box(int x, int y, int w, int h, String title, Tone titleTone, Glyphs g) {
        ensure(y + h - 1);
        for (int i = x + 1; i < x + w - 1; i++) {
            put(i, y, g.h, Tone.BORDER);
            put(i, y + h - 1, g.h, Tone.BORDER);
        }
        for (int j = y + 1; j < y + h - 1; j++) {
            put(x, j, g.v, Tone.BORDER);
            put(x + w - 1, j, g.v, Tone.BORDER);
        }
        put(x, y, g.tl, Tone.BORDER);
        put(x + w - 1, y, g.tr, Tone.BORDER);
        put(x, y + h - 1, g.bl, Tone.BORDER);
        put(x + w - 1, y + h - 1, g.br, Tone.BORDER);
        if (title != null && !title.isEmpty()) {
            int tx = x + 3;
            put(tx, y, ' ', Tone.BORDER);
            int end = put(tx + 1, y, title, titleTone, x + w - 2);
            put(end, y, ' ', Tone.BORDER);
        }
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (int y = 0; y < chars.size(); y++) {
            char[] c = chars.get(y);
            Tone[] t = tones.get(y);
            int end = width;
            while (end > 0 && c[end - 1] == ' ') {
                end--;
            }
            List<Span> spans = new ArrayList<>();
            int i = 0;
            while (i < end) {
                int j = i;
                while (j < end && t[j] == t[i]) {
                    j++;
                }
                spans.add(new Span(new String(c, i, j - i), t[i]));
                i = j;
            }
            out.add(new Row(spans));
        }
        return out;
    }
}
