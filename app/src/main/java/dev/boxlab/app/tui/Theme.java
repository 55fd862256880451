package dev.boxlab.app.tui;

import java.util.EnumSet;
import java.util.Map;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TextColor.ANSI;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * How each {@link Tone} looks. With colour, the usual terminal palette; without (NO_COLOR, or a
 * terminal that has none), bold and reverse only: every change also carries a +, - or ~ sign and
 * every check a ✓ or ✗, so nothing depends on colour alone.
 */
final class Theme {
    private record Look(TextColor fg, TextColor bg, EnumSet<SGR> sgr) {}

    private final boolean color;
    private final Map<Tone, Look> looks;

    private Theme(boolean color) {
        this.color = color;
        this.looks = color ? colorLooks() : monoLooks();
    }

    static Theme color() {
        return new Theme(true);
    }

    static Theme mono() {
        return new Theme(false);
    }

    /** Colour unless NO_COLOR is set (https://no-color.org: any value) or TERM says the terminal has none. */
    static Theme fromEnvironment() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        boolean mono = (noColor != null && !noColor.isEmpty()) || "dumb".equals(term) || "vt100".equals(term);
        return mono ? mono() : color();
    }

    boolean hasColor() {
        return color;
    }

    void apply(TextGraphics g, Tone tone) {
        Look l = looks.getOrDefault(tone, looks.get(Tone.TEXT));
        g.setForegroundColor(l.fg);
        g.setBackgroundColor(l.bg);
        g.clearModifiers();
        if (!l.sgr.isEmpty()) {
            g.enableModifiers(l.sgr.toArray(new SGR[0]));
        }
    }

    private static Look look(TextColor fg, TextColor bg, SGR... sgr) {
        EnumSet<SGR> s = EnumSet.noneOf(SGR.class);
        for (SGR x : sgr) {
            s.add(x);
        }
        return new Look(fg, bg, s);
    }

    private static Map<Tone, Look> colorLooks() {
        ANSI d = ANSI.DEFAULT;
        return Map.ofEntries(
                Map.entry(Tone.TEXT, look(d, d)),
                Map.entry(Tone.DIM, look(ANSI.BLACK_BRIGHT, d)),
                Map.entry(Tone.BOLD, look(d, d, SGR.BOLD)),
                Map.entry(Tone.CODE, look(ANSI.CYAN, d)),
                Map.entry(Tone.HEADING, look(ANSI.YELLOW, d, SGR.BOLD)),
                Map.entry(Tone.TITLE, look(ANSI.WHITE_BRIGHT, ANSI.BLUE, SGR.BOLD)),
                Map.entry(Tone.BAR, look(ANSI.WHITE, ANSI.BLUE)),
                Map.entry(Tone.BAR_KEY, look(ANSI.YELLOW_BRIGHT, ANSI.BLUE, SGR.BOLD)),
                Map.entry(Tone.KEY, look(ANSI.YELLOW, d, SGR.BOLD)),
                Map.entry(Tone.COMMAND, look(ANSI.GREEN, d, SGR.BOLD)),
                Map.entry(Tone.PROMPT, look(ANSI.GREEN_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.ADDED, look(ANSI.GREEN_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.REMOVED, look(ANSI.RED_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.CHANGED, look(ANSI.YELLOW_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.OK, look(ANSI.GREEN_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.FAIL, look(ANSI.RED, d)),
                Map.entry(Tone.PENDING, look(ANSI.BLACK_BRIGHT, d)),
                Map.entry(Tone.HINT, look(ANSI.MAGENTA_BRIGHT, d)),
                Map.entry(Tone.WARN, look(ANSI.RED_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.BORDER, look(ANSI.BLACK_BRIGHT, d)),
                Map.entry(Tone.FOCUS, look(ANSI.CYAN_BRIGHT, d, SGR.BOLD)),
                Map.entry(Tone.SELECTED, look(ANSI.BLACK, ANSI.CYAN)));
    }

    private static Map<Tone, Look> monoLooks() {
        ANSI d = ANSI.DEFAULT;
        return Map.ofEntries(
                Map.entry(Tone.TEXT, look(d, d)),
                Map.entry(Tone.BOLD, look(d, d, SGR.BOLD)),
                Map.entry(Tone.HEADING, look(d, d, SGR.BOLD)),
                Map.entry(Tone.TITLE, look(d, d, SGR.REVERSE, SGR.BOLD)),
                Map.entry(Tone.BAR, look(d, d, SGR.REVERSE)),
                Map.entry(Tone.BAR_KEY, look(d, d, SGR.REVERSE, SGR.BOLD)),
                Map.entry(Tone.KEY, look(d, d, SGR.BOLD)),
                Map.entry(Tone.COMMAND, look(d, d, SGR.BOLD)),
                Map.entry(Tone.PROMPT, look(d, d, SGR.BOLD)),
                Map.entry(Tone.ADDED, look(d, d, SGR.BOLD)),
                Map.entry(Tone.REMOVED, look(d, d, SGR.BOLD)),
                Map.entry(Tone.CHANGED, look(d, d, SGR.BOLD)),
                Map.entry(Tone.OK, look(d, d, SGR.BOLD)),
                Map.entry(Tone.WARN, look(d, d, SGR.BOLD)),
                Map.entry(Tone.FOCUS, look(d, d, SGR.BOLD)),
                Map.entry(Tone.SELECTED, look(d, d, SGR.REVERSE)));
    }
}
