package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's text (light markdown: paragraphs, "- " bullets, "1. " numbered items, inline `code`)
 * as rows wrapped to a width. Lines of a paragraph or an item are joined, then wrapped, so the
 * text reflows at any width; items hang under their bullet.
 */
final class Narrative {
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*] +(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d+)\\. +(.*)$");

    private Narrative() {}

    static List<Row> render(String text, int width) {
        List<Row> out = new ArrayList<>();
        List<Block> blocks = blocks(text == null ? "" : text);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (i > 0 && (b.marker.isEmpty() || blocks.get(i - 1).marker.isEmpty())) {
                out.add(Row.EMPTY);
            }
            Row r = new Row(List.of(new Span(b.marker, Tone.HEADING))).plus(Tone.TEXT, "");
            r = new Row(concat(r.spans(), inline(b.text)));
            out.addAll(r.wrap(width, b.marker.length()));
        }
        return out;
    }

    private record Block(String marker, String text) {}

    private static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        String marker = null;
        StringBuilder cur = null;
        for (String line : text.strip().split("\n", -1)) {
            Matcher b = BULLET.matcher(line);
            Matcher n = NUMBERED.matcher(line);
            if (line.isBlank()) {
                if (cur != null) {
                    out.add(new Block(marker, cur.toString()));
                    cur = null;
                }
            } else if (b.matches() || n.matches()) {
                if (cur != null) {
                    out.add(new Block(marker, cur.toString()));
                }
                marker = b.matches() ? "  • " : "  " + n.group(1) + ". ";
                cur = new StringBuilder(b.matches() ? b.group(1).strip() : n.group(2).strip());
            } else if (cur == null) {
                marker = "";
                cur = new StringBuilder(line.strip());
            } else {
                cur.append(' ').append(line.strip());
            }
        }
        if (cur != null) {
            out.add(new Block(marker, cur.toString()));
        }
        return out;
    }

    /** Inline `code` as its own tone, the backticks dropped. */
    static List<Span> inline(String text) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int a = text.indexOf('`', i);
            int b = a < 0 ? -1 : text.indexOf('`', a + 1);
            if (a < 0 || b < 0) {
                out.add(new Span(text.substring(i), Tone.TEXT));
                break;
            }
            if (a > i) {
                out.add(new Span(text.substring(i, a), Tone.TEXT));
            }
            out.add(new Span(text.substring(a + 1, b), Tone.CODE));
            i = b + 1;
        }
        return out;
    }

    private static List<Span> concat(List<Span> a, List<Span> b) {
        List<Span> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
