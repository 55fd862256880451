package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * One screen line of styled text, before it is placed anywhere. Panes build rows, wrap them to
 * their width, and draw the ones that are scrolled into view.
 */
record Row(List<Span> spans) {
    static final Row EMPTY = new Row(List.of());

    static Row of(Tone tone, String text) {
        return new Row(List.of(new Span(text, tone)));
    }

    static Row text(String text) {
        return of(Tone.TEXT, text);
    }

    Row plus(Tone tone, String text) {
        List<Span> s = new ArrayList<>(spans);
        s.add(new Span(text, tone));
        return new Row(s);
    }

    /** The same text, every span in one tone (a marked line, a selection). */
    Row tinted(Tone tone) {
        return new Row(spans.stream().map(s -> new Span(s.text(), tone)).toList());
    }

    String plain() {
        StringBuilder sb = new StringBuilder();
        spans.forEach(s -> sb.append(s.text()));
        return sb.toString();
    }

    int length() {
        int n = 0;
        for (Span s : spans) {
            n += s.text().length();
        }
        return n;
    }

    /**
     * Word-wraps to {@code width} columns; continuation lines start with {@code indent} spaces, so
     * bullets and command output keep their shape. Words longer than a line are cut.
     */
    List<Row> wrap(int width, int indent) {
        if (width <= 0) {
            return List.of();
        }
        if (length() <= width) {
            return List.of(this);
        }
        int ind = Math.min(indent, width / 2);
        List<Row> out = new ArrayList<>();
        List<Span> line = new ArrayList<>();
        int col = 0;
        boolean content = false;
        for (List<Span> word : words()) {
            String first = word.get(0).text();
            boolean space = first.charAt(0) == ' ';
            int len = word.stream().mapToInt(x -> x.text().length()).sum();
            if (col + len <= width) {
                line.addAll(word);
                col += len;
                content |= !space;
                continue;
            }
            if (space || content) {
                // break the line here; spaces at a break are dropped
                out.add(new Row(trimEnd(line)));
                line = new ArrayList<>(List.of(new Span(" ".repeat(ind), Tone.TEXT)));
                col = ind;
                content = false;
                if (space) {
                    continue;
                }
            }
            for (Span piece : word) {
                String text = piece.text();
                while (col + text.length() > width) {
                    int fit = width - col;
                    line.add(new Span(text.substring(0, fit), piece.tone()));
                    out.add(new Row(line));
                    line = new ArrayList<>(List.of(new Span(" ".repeat(ind), Tone.TEXT)));
                    col = ind;
                    text = text.substring(fit);
                }
                line.add(new Span(text, piece.tone()));
                col += text.length();
            }
            content = true;
        }
        if (content) {
            out.add(new Row(trimEnd(line)));
        }
        return out;
    }

    /** Runs of spaces and words; a word may span tones (`code`, then a comma) and is kept whole. */
    private List<List<Span>> words() {
        List<List<Span>> words = new ArrayList<>();
        List<Span> cur = null;
        boolean curSpace = false;
        for (Span s : spans) {
            String t = s.text();
            int i = 0;
            while (i < t.length()) {
                int j = i;
                boolean space = t.charAt(i) == ' ';
                while (j < t.length() && (t.charAt(j) == ' ') == space) {
                    j++;
                }
                if (cur == null || curSpace != space) {
                    cur = new ArrayList<>();
                    words.add(cur);
                    curSpace = space;
                }
                cur.add(new Span(t.substring(i, j), s.tone()));
                i = j;
            }
        }
        return words;
    }

    private static List<Span> trimEnd(List<Span> line) {
        List<Span> l = new ArrayList<>(line);
        while (!l.isEmpty() && l.get(l.size() - 1).text().isBlank()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    static List<Row> wrapAll(List<Row> rows, int width, int indent) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            out.addAll(r.wrap(width, indent));
        }
        return out;
    }
}
