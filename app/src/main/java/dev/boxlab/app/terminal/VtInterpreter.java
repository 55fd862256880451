package dev.boxlab.app.terminal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What xterm does with each thing {@link VtParser} finds: controls, escapes and control sequences
 * move the cursor and edit the {@link VtGrid}, SGR sets the {@link VtPen}, the modes (DEC private and
 * ANSI) and the character sets are kept here, and the queries a program waits for (cursor position,
 * device attributes, status) are answered through {@code reply}.
 *
 * <p>Not thread-safe: its screen calls it under its own lock.
 */
final class VtInterpreter implements VtParser.Handler {
    private static final int[] DEC_GRAPHICS = {
        0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0, 0x00b1, 0x2424, 0x240b, 0x2518, 0x2510, 0x250c,
        0x2514, 0x253c, 0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd, 0x251c, 0x2524, 0x2534, 0x252c, 0x2502, 0x2264,
        0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7};

    private final Consumer<byte[]> reply;
    final VtPen pen = new VtPen();
    final VtGrid grid;
    private boolean originMode;
    private boolean autoWrap = true;
    private boolean insertMode;
    boolean cursorVisible = true;
    boolean appCursorKeys;
    boolean appKeypad;
    boolean bracketedPaste;
    boolean alternate;
    /** G0 and G1: DEC special graphics (line drawing) or not; {@code charset} is the one in use (SI/SO). */
    private final boolean[] graphics = new boolean[2];
    private int charset;
    private int[] saved = new int[7];
    private int[] savedMain;
    String title = "";
    private int lastPrinted = ' ';

    VtInterpreter(int cols, int rows, Consumer<byte[]> reply) {
        this.reply = reply;
        this.grid = new VtGrid(cols, rows, pen);
        saveCursor();
        savedMain = saved.clone();
    }

    @Override
    public void print(int c) {
        if (graphics[charset] && c >= 0x60 && c <= 0x7e) {
            c = DEC_GRAPHICS[c - 0x60];
        }
        if (grid.print(c, autoWrap, insertMode)) {
            lastPrinted = c;
        }
    }

    @Override
    public void control(int c) {
        switch (c) {
            case 8 -> grid.backspace();
            case 9 -> grid.tab();
            case 10, 11, 12 -> grid.lineFeed();
            case 13 -> {
                grid.cx = 0;
                grid.wrapPending = false;
            }
            case 14 -> charset = 1;
            case 15 -> charset = 0;
            default -> { } // BEL and the rest: nothing to show
        }
    }

    @Override
    public void escape(int c) {
        switch (c) {
            case '7' -> saveCursor();
            case '8' -> restoreCursor();
            case 'D' -> grid.lineFeed();
            case 'E' -> {
                grid.cx = 0;
                grid.lineFeed();
            }
            case 'M' -> grid.reverseIndex();
            case 'H' -> grid.setTabStop();
            case 'c' -> hardReset();
            case '=' -> appKeypad = true;
            case '>' -> appKeypad = false;
            default -> { }
        }
    }

    @Override
    public void escapeIntermediate(char inter, int c) {
        if (inter == '(' || inter == ')') {
            graphics[inter == '(' ? 0 : 1] = c == '0';
        } else if (inter == '#' && c == '8') {
            grid.fillWithE();
        }
    }

    @Override
    public void osc(String s) {
        if (s.startsWith("0;") || s.startsWith("2;")) {
            title = s.substring(2);
        }
    }

    private void hardReset() {
        pen.reset();
        grid.reset();
        alternate = false;
        originMode = false;
        autoWrap = true;
        insertMode = false;
        cursorVisible = true;
        appCursorKeys = false;
        bracketedPaste = false;
        graphics[0] = false;
        graphics[1] = false;
        charset = 0;
    }

    @Override
    public void csi(VtParser.Csi csi) {
        char priv = csi.priv();
        if (csi.inter() != 0) {
            return; // DECSCUSR (cursor shape) and friends: nothing to show here
        }
        if (priv == '>' || priv == '=' || priv == '<') {
            if (csi.finalByte() == 'c' && priv == '>') {
                send("\033[>0;10;1c");
            }
            return;
        }
        boolean dec = priv == '?';
        VtGrid g = grid;
        int n1 = csi.n1();
        switch (csi.finalByte()) {
            case '@' -> g.insertChars(n1);
            case 'A' -> g.moveTo(g.cx, Math.max(g.cy < g.top ? 0 : g.top, g.cy - n1));
            case 'B', 'e' -> g.moveTo(g.cx, Math.min(g.cy > g.bottom ? g.rows - 1 : g.bottom, g.cy + n1));
            case 'C', 'a' -> g.moveTo(Math.min(g.cols - 1, g.cx + n1), g.cy);
            case 'D' -> g.moveTo(Math.max(0, Math.min(g.cx, g.cols - 1) - n1), g.cy);
            case 'E' -> g.moveTo(0, Math.min(g.bottom, g.cy + n1));
            case 'F' -> g.moveTo(0, Math.max(g.top, g.cy - n1));
            case 'G', '`' -> g.moveTo(Math.min(g.cols - 1, n1 - 1), g.cy);
            case 'H', 'f' -> {
                int[] n = csi.numbers(2, 1);
                int y = n[0] - 1 + (originMode ? g.top : 0);
                g.moveTo(Math.min(g.cols - 1, n[1] - 1), Math.min(originMode ? g.bottom : g.rows - 1, y));
            }
            case 'd' -> g.moveTo(g.cx, Math.min(g.rows - 1, n1 - 1 + (originMode ? g.top : 0)));
            case 'I' -> {
                for (int i = 0; i < n1; i++) {
                    g.tab();
                }
            }
            case 'Z' -> {
                for (int i = 0; i < n1; i++) {
                    g.backTab();
                }
            }
            case 'J' -> g.eraseDisplay(csi.n0());
            case 'K' -> g.eraseLine(csi.n0());
            case 'L', 'M' -> g.insertOrDeleteLines(n1, csi.finalByte() == 'L');
            case 'P' -> g.deleteChars(n1);
            case 'X' -> g.eraseChars(n1);
            case 'S' -> g.scrollUp(g.top, g.bottom, n1);
            case 'T' -> g.scrollDown(g.top, g.bottom, n1);
            case 'b' -> {
                for (int i = 0; i < Math.min(n1, g.cols * g.rows); i++) {
                    print(lastPrinted);
                }
            }
            case 'g' -> g.clearTabStops(csi.n0());
            case 'h', 'l' -> setModes(csi, dec, csi.finalByte() == 'h');
            case 'm' -> pen.sgr(csi.numbers(1, 0));
            case 'n' -> statusReport(csi.n0(), dec);
            case 'c' -> {
                if (csi.n0() == 0) {
                    send("\033[?62;22c");
                }
            }
            case 'r' -> {
                if (!dec) {
                    scrollRegion(csi.numbers(2, 0));
                }
            }
            case 's' -> {
                if (!dec) {
                    saveCursor();
                }
            }
            case 'u' -> restoreCursor();
            default -> { }
        }
    }

    /** DSR: 6 asks where the cursor is, 5 whether the terminal is well. */
    private void statusReport(int n, boolean dec) {
        if (n == 6) {
            int y = grid.cy + 1 - (originMode ? grid.top : 0);
            send("\033[" + (dec ? "?" : "") + y + ";" + (Math.min(grid.cx, grid.cols - 1) + 1) + "R");
        } else if (n == 5) {
            send("\033[0n");
        }
    }

    /** DECSTBM: the scroll region, from and to a row counted from 1 (0 or missing: the screen's edge). */
    private void scrollRegion(int[] n) {
        int t = Math.max(1, n[0]) - 1;
        int b = (n[1] == 0 ? grid.rows : Math.min(grid.rows, n[1])) - 1;
        if (t < b) {
            grid.top = t;
            grid.bottom = b;
            grid.moveTo(0, originMode ? grid.top : 0);
        }
    }

    private void setModes(VtParser.Csi csi, boolean dec, boolean on) {
        for (int m : csi.numbers(1, 0)) {
            if (!dec) {
                if (m == 4) {
                    insertMode = on;
                }
                continue;
            }
            switch (m) {
                case 1 -> appCursorKeys = on;
                case 6 -> {
                    originMode = on;
                    grid.moveTo(0, on ? grid.top : 0);
                }
                case 7 -> autoWrap = on;
                case 25 -> cursorVisible = on;
                case 47, 1047 -> alternate(on, false);
                case 1048 -> {
                    if (on) {
                        saveCursor();
                    } else {
                        restoreCursor();
                    }
                }
                case 1049 -> alternate(on, true);
                case 2004 -> bracketedPaste = on;
                default -> { }
            }
        }
    }

    /** The alternate screen on or off; the main screen's saved cursor is kept apart from the alternate's. */
    private void alternate(boolean on, boolean withCursor) {
        if (on == alternate) {
            return;
        }
        alternate = on;
        if (on) {
            if (withCursor) {
                saveCursor();
            }
            savedMain = saved.clone();
            grid.useAlternate(true);
        } else {
            grid.useAlternate(false);
            saved = savedMain;
            if (withCursor) {
                restoreCursor();
            }
        }
    }

    private void saveCursor() {
        saved = new int[] {grid.cx, grid.cy, pen.fg, pen.bg, pen.attrs, originMode ? 1 : 0, graphics[0] ? 1 : 0};
    }

    private void restoreCursor() {
        grid.cx = Math.min(saved[0], grid.cols - 1);
        grid.cy = Math.min(saved[1], grid.rows - 1);
        pen.fg = saved[2];
        pen.bg = saved[3];
        pen.attrs = saved[4];
        originMode = saved[5] == 1;
        graphics[0] = saved[6] == 1;
        grid.wrapPending = false;
    }

    private void send(String s) {
        if (reply != null) {
            reply.accept(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
