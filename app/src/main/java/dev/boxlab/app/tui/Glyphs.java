package dev.boxlab.app.tui;

/**
 * The characters drawings use: box drawing and a few symbols in a UTF-8 terminal, plain ASCII
 * where the locale says the terminal cannot show them.
 */
final class Glyphs {
    final char h, v, tl, tr, bl, br, teeDown, teeUp, teeRight, teeLeft, cross;
    final String branch, lastBranch, pair, ok, fail, pending, bullet, selected, running;

    private Glyphs(boolean unicode) {
        if (unicode) {
            h = '─'; v = '│'; tl = '┌'; tr = '┐'; bl = '└'; br = '┘';
            teeDown = '┬'; teeUp = '┴'; teeRight = '├'; teeLeft = '┤'; cross = '┼';
            branch = "├─"; lastBranch = "└─"; pair = "⇄"; ok = "✓"; fail = "✗"; pending = "·"; bullet = "•";
            selected = "▸"; running = "…";
        } else {
            h = '-'; v = '|'; tl = '+'; tr = '+'; bl = '+'; br = '+';
            teeDown = '+'; teeUp = '+'; teeRight = '+'; teeLeft = '+'; cross = '+';
            branch = "|-"; lastBranch = "`-"; pair = "<>"; ok = "ok"; fail = "x"; pending = "."; bullet = "*";
            selected = ">"; running = "...";
        }
    }

    static final Glyphs UNICODE = new Glyphs(true);
    static final Glyphs ASCII = new Glyphs(false);

    /** Unicode unless the locale names a character set that is not UTF-8. */
    static Glyphs fromEnvironment() {
        for (String var : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase();
                return u.contains("UTF-8") || u.contains("UTF8") ? UNICODE : ("C".equals(v) || "POSIX".equals(v) ? ASCII : UNICODE);
            }
        }
        return UNICODE;
    }
}
