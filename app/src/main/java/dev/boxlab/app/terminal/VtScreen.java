package dev.boxlab.app.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import org.jline.utils.WCWidth;

/**
 * The screen of an xterm as the programs in the learner's shell draw it: a grid of cells (a
 * character, colours, attributes) fed the bytes a pty gives, the way xterm reads them (ECMA-48
 * control sequences, the DEC private modes bash, readline, less, top and vi use).
 *
 * <p>Deliberately small: what TERM=xterm-256color programs send in practice (cursor moves,
 * erases, insert/delete, scroll regions, SGR with 16, 256 and RGB colours, the alternate screen,
 * wide characters, DEC line drawing), answers to the queries they wait for (cursor position,
 * device attributes), and nothing of what only a GUI terminal needs (mouse, fonts, sixels).
 * Sequences it does not know are consumed whole and ignored, so they never print as garbage.
 *
 * <p>Thread-safety: all public methods are synchronized; the pty reader feeds, the GUI thread reads.
 */
public final class VtScreen {
    /** A colour value meaning "the terminal's default". */
    public static final int DEFAULT = -1;
    /** Colours at or above this are 24-bit RGB ({@code RGB | 0xRRGGBB}); below, a 256-colour index. */
    public static final int RGB = 0x1000000;
    public static final int BOLD = 1, DIM = 2, ITALIC = 4, UNDERLINE = 8, BLINK = 16, REVERSE = 32, HIDDEN = 64,
            STRIKE = 128;
    /** The code point of the right half of a wide character. */
    public static final int WIDE_TAIL = -2;

    private static final int[] DEC_GRAPHICS = {
        0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0, 0x00b1, 0x2424, 0x240b, 0x2518, 0x2510, 0x250c,
        0x2514, 0x253c, 0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd, 0x251c, 0x2524, 0x2534, 0x252c, 0x2502, 0x2264,
        0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7};

    private static final class Line {
        int[] cp;
        int[] fg;
        int[] bg;
        int[] at;

        Line(int cols, int bgColour) {
            cp = new int[cols];
            fg = new int[cols];
            bg = new int[cols];
            at = new int[cols];
            clear(0, cols, bgColour);
        }

        void clear(int from, int to, int bgColour) {
            Arrays.fill(cp, from, to, ' ');
            Arrays.fill(fg, from, to, DEFAULT);
            Arrays.fill(bg, from, to, bgColour);
            Arrays.fill(at, from, to, 0);
        }

        void resize(int cols) {
            int old = cp.length;
            cp = Arrays.copyOf(cp, cols);
            fg = Arrays.copyOf(fg, cols);
            bg = Arrays.copyOf(bg, cols);
            at = Arrays.copyOf(at, cols);
            if (cols > old) {
                clear(old, cols, DEFAULT);
            }
        }

        void copyCell(int from, int to) {
            cp[to] = cp[from];
            fg[to] = fg[from];
            bg[to] = bg[from];
            at[to] = at[from];
        }
    }

    private enum State { GROUND, ESC, ESC_INTER, CSI, OSC, OSC_ESC, STRING, STRING_ESC }

    private final Consumer<byte[]> reply;
    private int cols;
    private int rows;
    private Line[] main;
    private Line[] alt;
    private Line[] lines;
    private int cx;
    private int cy;
    private boolean wrapPending;
    private int fg = DEFAULT;
    private int bg = DEFAULT;
    private int attrs;
    private int top;
    private int bottom;
    private boolean originMode;
    private boolean autoWrap = true;
    private boolean insertMode;
    private boolean cursorVisible = true;
    private boolean appCursorKeys;
    private boolean appKeypad;
    private boolean bracketedPaste;
    private boolean alternateFlag;
    private boolean[] tabStops;
    private final boolean[] graphics = new boolean[2];
    private int charset;
    private int[] saved = new int[7];
    private int[] savedMain;
    private String title = "";
    private int lastPrinted = ' ';

    private State state = State.GROUND;
    private final StringBuilder params = new StringBuilder();
    private char inter;
    private final StringBuilder osc = new StringBuilder();
    private int utfNeed;
    private int utfCode;

    /** A screen of {@code cols} by {@code rows}; {@code reply} gets the answers to the program's queries (to write to the pty). */
    public VtScreen(int cols, int rows, Consumer<byte[]> reply) {
        this.cols = Math.max(1, cols);
        this.rows = Math.max(1, rows);
        this.reply = reply;
        main = blank(this.rows);
        alt = blank(this.rows);
        lines = main;
        top = 0;
        bottom = this.rows - 1;
        resetTabs();
        saveCursor();
        savedMain = saved.clone();
    }

    private Line[] blank(int n) {
        Line[] ls = new Line[n];
        for (int i = 0; i < n; i++) {
            ls[i] = new Line(cols, DEFAULT);
        }
        return ls;
    }

    private void resetTabs() {
        tabStops = new boolean[cols];
        for (int i = 8; i < cols; i += 8) {
            tabStops[i] = true;
        }
    }

    // ---- what a renderer reads

    public synchronized int columns() {
        return cols;
    }

    public synchronized int rows() {
        return rows;
    }

    /** The code point at a cell: a character, a space, or {@link #WIDE_TAIL}. */
    public synchronized int codePoint(int x, int y) {
        return lines[y].cp[x];
    }

    public synchronized int foreground(int x, int y) {
        return lines[y].fg[x];
    }

    public synchronized int background(int x, int y) {
        return lines[y].bg[x];
    }

    public synchronized int attributes(int x, int y) {
        return lines[y].at[x];
    }

    public synchronized int cursorColumn() {
        return Math.min(cx, cols - 1);
    }

    public synchronized int cursorRow() {
        return cy;
    }

    public synchronized boolean cursorVisible() {
        return cursorVisible;
    }

    /** True while a full-screen program (less, top, vi) has the alternate screen. */
    public synchronized boolean alternateScreen() {
        return alternateFlag;
    }

    /** DECCKM: the arrows send {@code ESC O A} rather than {@code ESC [ A}. */
    public synchronized boolean applicationCursorKeys() {
        return appCursorKeys;
    }

    public synchronized boolean bracketedPaste() {
        return bracketedPaste;
    }

    public synchronized String title() {
        return title;
    }

    /** Row {@code y} as text (wide characters once, trailing spaces kept). */
    public synchronized String line(int y) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < cols; x++) {
            int c = lines[y].cp[x];
            if (c != WIDE_TAIL) {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    /** The whole screen as text, trailing spaces trimmed, one line per row (for tests and recordings). */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < rows; y++) {
            sb.append(line(y).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    // ---- size

    /** Resizes the grid; the cursor's line stays on screen (lines scroll off the top if needed). */
    public synchronized void resize(int newCols, int newRows) {
        newCols = Math.max(1, newCols);
        newRows = Math.max(1, newRows);
        if (newCols == cols && newRows == rows) {
            return;
        }
        int shift = Math.max(0, cy - (newRows - 1));
        main = resizeBuffer(main, newCols, newRows, alternateFlag ? 0 : shift);
        alt = resizeBuffer(alt, newCols, newRows, alternateFlag ? shift : 0);
        lines = alternateFlag ? alt : main;
        cols = newCols;
        rows = newRows;
        cy = Math.max(0, cy - shift);
        cx = Math.min(cx, cols - 1);
        wrapPending = false;
        top = 0;
        bottom = rows - 1;
        resetTabs();
    }

    private static Line[] resizeBuffer(Line[] buf, int newCols, int newRows, int shift) {
        Line[] out = new Line[newRows];
        for (int i = 0; i < newRows; i++) {
            int from = i + shift;
            Line l = from < buf.length ? buf[from] : new Line(newCols, DEFAULT);
            l.resize(newCols);
            out[i] = l;
        }
        return out;
    }

    // ---- input

    public void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        feed(b, 0, b.length);
    }

    /** Interprets bytes from the pty (UTF-8; a character split between two reads is fine). */
    public synchronized void feed(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xff;
            if (utfNeed > 0) {
                if ((v & 0xc0) == 0x80) {
                    utfCode = (utfCode << 6) | (v & 0x3f);
                    if (--utfNeed == 0) {
                        codePoint(utfCode);
                    }
                    continue;
                }
                utfNeed = 0;
                codePoint(0xfffd);
            }
            if (v < 0x80) {
                codePoint(v);
            } else if ((v & 0xe0) == 0xc0) {
                utfNeed = 1;
                utfCode = v & 0x1f;
            } else if ((v & 0xf0) == 0xe0) {
                utfNeed = 2;
                utfCode = v & 0x0f;
            } else if ((v & 0xf8) == 0xf0) {
                utfNeed = 3;
                utfCode = v & 0x07;
            } else {
                codePoint(0xfffd);
            }
        }
    }

    private void codePoint(int c) {
        switch (state) {
            case GROUND -> ground(c);
            case ESC -> escape(c);
            case ESC_INTER -> escapeIntermediate(c);
            case CSI -> csiByte(c);
            case OSC -> {
                if (c == 7) {
                    endOsc();
                } else if (c == 27) {
                    state = State.OSC_ESC;
                } else if (osc.length() < 4096) {
                    osc.appendCodePoint(c);
                }
            }
            case OSC_ESC -> {
                if (c == '\\') {
                    endOsc();
                } else {
                    state = State.OSC;
                }
            }
            case STRING -> {
                if (c == 27) {
                    state = State.STRING_ESC;
                } else if (c == 7) {
                    state = State.GROUND;
                }
            }
            case STRING_ESC -> state = c == '\\' ? State.GROUND : State.STRING;
        }
    }

    private void ground(int c) {
        if (c < 0x20 || c == 0x7f) {
            control(c);
        } else {
            print(c);
        }
    }

    private void control(int c) {
        switch (c) {
            case 7 -> { }
            case 8 -> {
                if (cx > 0) {
                    cx = Math.min(cx, cols - 1) - (wrapPending ? 0 : 1);
                    cx = Math.max(0, cx);
                }
                wrapPending = false;
            }
            case 9 -> {
                wrapPending = false;
                int x = cx + 1;
                while (x < cols - 1 && !tabStops[x]) {
                    x++;
                }
                cx = Math.min(cols - 1, x);
            }
            case 10, 11, 12 -> lineFeed();
            case 13 -> {
                cx = 0;
                wrapPending = false;
            }
            case 14 -> charset = 1;
            case 15 -> charset = 0;
            case 27 -> {
                state = State.ESC;
                params.setLength(0);
                inter = 0;
            }
            default -> { }
        }
    }

    private void print(int c) {
        if (graphics[charset] && c >= 0x60 && c <= 0x7e) {
            c = DEC_GRAPHICS[c - 0x60];
        }
        int w = WCWidth.wcwidth(c);
        if (w < 0) {
            w = 1;
        }
        if (w == 0) {
            return; // combining marks: the base character stands for both
        }
        if (wrapPending || cx + w > cols) {
            if (autoWrap) {
                cx = 0;
                lineFeed();
            } else {
                cx = cols - w;
            }
            wrapPending = false;
        }
        Line l = lines[cy];
        if (insertMode) {
            for (int x = cols - 1; x >= cx + w; x--) {
                l.copyCell(x - w, x);
            }
        }
        breakWide(l, cx);
        if (w == 2 && cx + 1 < cols) {
            breakWide(l, cx + 1);
        }
        put(l, cx, c);
        if (w == 2 && cx + 1 < cols) {
            put(l, cx + 1, WIDE_TAIL);
        }
        lastPrinted = c;
        cx += w;
        if (cx >= cols) {
            cx = cols - 1;
            wrapPending = true;
        }
    }

    /** Overwriting either half of a wide character blanks the other half. */
    private void breakWide(Line l, int x) {
        if (l.cp[x] == WIDE_TAIL && x > 0) {
            l.cp[x - 1] = ' ';
        } else if (x + 1 < cols && l.cp[x + 1] == WIDE_TAIL) {
            l.cp[x + 1] = ' ';
        }
    }

    private void put(Line l, int x, int c) {
        l.cp[x] = c;
        l.fg[x] = fg;
        l.bg[x] = bg;
        l.at[x] = attrs;
    }

    private void lineFeed() {
        wrapPending = false;
        if (cy == bottom) {
            scrollUp(top, bottom, 1);
        } else if (cy < rows - 1) {
            cy++;
        }
    }

    private void reverseIndex() {
        wrapPending = false;
        if (cy == top) {
            scrollDown(top, bottom, 1);
        } else if (cy > 0) {
            cy--;
        }
    }

    private void scrollUp(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int k = 0; k < n; k++) {
            Line first = lines[from];
            System.arraycopy(lines, from + 1, lines, from, to - from);
            first.clear(0, cols, bg);
            lines[to] = first;
        }
    }

    private void scrollDown(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int k = 0; k < n; k++) {
            Line last = lines[to];
            System.arraycopy(lines, from, lines, from + 1, to - from);
            last.clear(0, cols, bg);
            lines[from] = last;
        }
    }

    private void escape(int c) {
        state = State.GROUND;
        switch (c) {
            case '[' -> {
                state = State.CSI;
                params.setLength(0);
                inter = 0;
            }
            case ']' -> {
                state = State.OSC;
                osc.setLength(0);
            }
            case 'P', 'X', '^', '_' -> state = State.STRING;
            case '(', ')', '#', '%', ' ', '*', '+' -> {
                inter = (char) c;
                state = State.ESC_INTER;
            }
            case '7' -> saveCursor();
            case '8' -> restoreCursor();
            case 'D' -> lineFeed();
            case 'E' -> {
                cx = 0;
                lineFeed();
            }
            case 'M' -> reverseIndex();
            case 'H' -> {
                if (cx < cols) {
                    tabStops[cx] = true;
                }
            }
            case 'c' -> hardReset();
            case '=' -> appKeypad = true;
            case '>' -> appKeypad = false;
            default -> { }
        }
    }

    private void escapeIntermediate(int c) {
        state = State.GROUND;
        if (inter == '(' || inter == ')') {
            graphics[inter == '(' ? 0 : 1] = c == '0';
        } else if (inter == '#' && c == '8') {
            for (Line l : lines) {
                Arrays.fill(l.cp, 'E');
            }
        }
    }

    private void hardReset() {
        fg = DEFAULT;
        bg = DEFAULT;
        attrs = 0;
        main = blank(rows);
        alt = blank(rows);
        lines = main;
        alternateFlag = false;
        cx = 0;
        cy = 0;
        top = 0;
        bottom = rows - 1;
        originMode = false;
        autoWrap = true;
        insertMode = false;
        cursorVisible = true;
        appCursorKeys = false;
        bracketedPaste = false;
        graphics[0] = false;
        graphics[1] = false;
        charset = 0;
        resetTabs();
    }

    private void endOsc() {
        state = State.GROUND;
        String s = osc.toString();
        if (s.startsWith("0;") || s.startsWith("2;")) {
            title = s.substring(2);
        }
    }

    private void csiByte(int c) {
        if (c >= 0x30 && c <= 0x3f) {
            if (params.length() < 256) {
                params.append((char) c);
            }
        } else if (c >= 0x20 && c <= 0x2f) {
            inter = (char) c;
        } else if (c >= 0x40 && c <= 0x7e) {
            state = State.GROUND;
            csi((char) c);
        } else if (c == 27) {
            state = State.ESC;
        } else if (c < 0x20) {
            control(c); // C0 controls act inside a sequence, as on a VT100
        } else {
            state = State.GROUND;
        }
    }

    private int[] numbers(int defaults, int min) {
        String p = params.toString();
        if (!p.isEmpty() && (p.charAt(0) == '?' || p.charAt(0) == '>' || p.charAt(0) == '<' || p.charAt(0) == '=')) {
            p = p.substring(1);
        }
        String[] parts = p.split("[;:]", -1);
        int[] out = new int[Math.max(defaults, parts.length)];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        for (int i = 0; i < out.length && min > 0; i++) {
            out[i] = Math.max(min, out[i]);
        }
        return out;
    }

    private int n1() {
        return numbers(1, 1)[0];
    }

    private void csi(char f) {
        char priv = params.length() > 0 ? params.charAt(0) : 0;
        if (inter != 0) {
            return; // DECSCUSR (cursor shape) and friends: nothing to show here
        }
        if (priv == '>' || priv == '=' || priv == '<') {
            if (f == 'c' && priv == '>') {
                send("\033[>0;10;1c");
            }
            return;
        }
        boolean dec = priv == '?';
        switch (f) {
            case '@' -> insertChars(n1());
            case 'A' -> moveTo(cx, Math.max(cy < top ? 0 : top, cy - n1()));
            case 'B', 'e' -> moveTo(cx, Math.min(cy > bottom ? rows - 1 : bottom, cy + n1()));
            case 'C', 'a' -> moveTo(Math.min(cols - 1, cx + n1()), cy);
            case 'D' -> moveTo(Math.max(0, Math.min(cx, cols - 1) - n1()), cy);
            case 'E' -> moveTo(0, Math.min(bottom, cy + n1()));
            case 'F' -> moveTo(0, Math.max(top, cy - n1()));
            case 'G', '`' -> moveTo(Math.min(cols - 1, n1() - 1), cy);
            case 'H', 'f' -> {
                int[] n = numbers(2, 1);
                int y = n[0] - 1 + (originMode ? top : 0);
                moveTo(Math.min(cols - 1, n[1] - 1), Math.min(originMode ? bottom : rows - 1, y));
            }
            case 'd' -> moveTo(cx, Math.min(rows - 1, n1() - 1 + (originMode ? top : 0)));
            case 'I' -> {
                for (int i = 0; i < n1(); i++) {
                    control(9);
                }
            }
            case 'Z' -> {
                for (int i = 0; i < n1(); i++) {
                    int x = cx - 1;
                    while (x > 0 && !tabStops[x]) {
                        x--;
                    }
                    cx = Math.max(0, x);
                }
            }
            case 'J' -> eraseDisplay(numbers(1, 0)[0]);
            case 'K' -> eraseLine(numbers(1, 0)[0]);
            case 'L' -> {
                if (cy >= top && cy <= bottom) {
                    scrollDown(cy, bottom, n1());
                    cx = 0;
                }
            }
            case 'M' -> {
                if (cy >= top && cy <= bottom) {
                    scrollUp(cy, bottom, n1());
                    cx = 0;
                }
            }
            case 'P' -> deleteChars(n1());
            case 'X' -> {
                int x0 = Math.min(cx, cols - 1);
                lines[cy].clear(x0, Math.min(cols, x0 + n1()), bg);
            }
            case 'S' -> scrollUp(top, bottom, n1());
            case 'T' -> scrollDown(top, bottom, n1());
            case 'b' -> {
                for (int i = 0; i < Math.min(n1(), cols * rows); i++) {
                    print(lastPrinted);
                }
            }
            case 'g' -> {
                int n = numbers(1, 0)[0];
                if (n == 3) {
                    Arrays.fill(tabStops, false);
                } else if (n == 0 && cx < cols) {
                    tabStops[cx] = false;
                }
            }
            case 'h', 'l' -> setModes(dec, f == 'h');
            case 'm' -> sgr(numbers(1, 0));
            case 'n' -> {
                int n = numbers(1, 0)[0];
                if (n == 6) {
                    int y = cy + 1 - (originMode ? top : 0);
                    send("\033[" + (dec ? "?" : "") + y + ";" + (Math.min(cx, cols - 1) + 1) + "R");
                } else if (n == 5) {
                    send("\033[0n");
                }
            }
            case 'c' -> {
                if (numbers(1, 0)[0] == 0) {
                    send("\033[?62;22c");
                }
            }
            case 'r' -> {
                if (dec) {
                    return;
                }
                int[] n = numbers(2, 0);
                int t = Math.max(1, n[0]) - 1;
                int b = (n[1] == 0 ? rows : Math.min(rows, n[1])) - 1;
                if (t < b) {
                    top = t;
                    bottom = b;
                    moveTo(0, originMode ? top : 0);
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

    private void moveTo(int x, int y) {
        cx = Math.max(0, x);
        cy = Math.max(0, Math.min(rows - 1, y));
        wrapPending = false;
    }

    private void insertChars(int n) {
        Line l = lines[cy];
        int x0 = Math.min(cx, cols - 1);
        n = Math.min(n, cols - x0);
        for (int x = cols - 1; x >= x0 + n; x--) {
            l.copyCell(x - n, x);
        }
        l.clear(x0, x0 + n, bg);
        wrapPending = false;
    }

    private void deleteChars(int n) {
        Line l = lines[cy];
        int x0 = Math.min(cx, cols - 1);
        n = Math.min(n, cols - x0);
        for (int x = x0; x < cols - n; x++) {
            l.copyCell(x + n, x);
        }
        l.clear(cols - n, cols, bg);
        wrapPending = false;
    }

    private void eraseDisplay(int mode) {
        int x0 = Math.min(cx, cols - 1);
        switch (mode) {
            case 0 -> {
                lines[cy].clear(x0, cols, bg);
                for (int y = cy + 1; y < rows; y++) {
                    lines[y].clear(0, cols, bg);
                }
            }
            case 1 -> {
                lines[cy].clear(0, x0 + 1, bg);
                for (int y = 0; y < cy; y++) {
                    lines[y].clear(0, cols, bg);
                }
            }
            case 2, 3 -> {
                for (Line l : lines) {
                    l.clear(0, cols, bg);
                }
            }
            default -> { }
        }
    }

    private void eraseLine(int mode) {
        int x0 = Math.min(cx, cols - 1);
        switch (mode) {
            case 0 -> lines[cy].clear(x0, cols, bg);
            case 1 -> lines[cy].clear(0, x0 + 1, bg);
            case 2 -> lines[cy].clear(0, cols, bg);
            default -> { }
        }
    }

    private void setModes(boolean dec, boolean on) {
        for (int m : numbers(1, 0)) {
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
                    moveTo(0, on ? top : 0);
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

    private void alternate(boolean on, boolean withCursor) {
        if (on == alternateFlag) {
            return;
        }
        if (on) {
            if (withCursor) {
                saveCursor();
            }
            savedMain = saved.clone();
            alternateFlag = true;
            lines = alt;
            for (Line l : alt) {
                l.clear(0, cols, DEFAULT);
            }
        } else {
            alternateFlag = false;
            lines = main;
            saved = savedMain;
            if (withCursor) {
                restoreCursor();
            }
        }
        wrapPending = false;
    }

    private void saveCursor() {
        saved = new int[] {cx, cy, fg, bg, attrs, originMode ? 1 : 0, graphics[0] ? 1 : 0};
    }

    private void restoreCursor() {
        cx = Math.min(saved[0], cols - 1);
        cy = Math.min(saved[1], rows - 1);
        fg = saved[2];
        bg = saved[3];
        attrs = saved[4];
        originMode = saved[5] == 1;
        graphics[0] = saved[6] == 1;
        wrapPending = false;
    }

    private void sgr(int[] n) {
        for (int i = 0; i < n.length; i++) {
            int p = n[i];
            switch (p) {
                case 0 -> {
                    fg = DEFAULT;
                    bg = DEFAULT;
                    attrs = 0;
                }
                case 1 -> attrs |= BOLD;
                case 2 -> attrs |= DIM;
                case 3 -> attrs |= ITALIC;
                case 4 -> attrs |= UNDERLINE;
                case 5, 6 -> attrs |= BLINK;
                case 7 -> attrs |= REVERSE;
                case 8 -> attrs |= HIDDEN;
                case 9 -> attrs |= STRIKE;
                case 21, 22 -> attrs &= ~(BOLD | DIM);
                case 23 -> attrs &= ~ITALIC;
                case 24 -> attrs &= ~UNDERLINE;
                case 25 -> attrs &= ~BLINK;
                case 27 -> attrs &= ~REVERSE;
                case 28 -> attrs &= ~HIDDEN;
                case 29 -> attrs &= ~STRIKE;
                case 39 -> fg = DEFAULT;
                case 49 -> bg = DEFAULT;
                case 38, 48 -> {
                    int colour = DEFAULT;
                    if (i + 2 < n.length && n[i + 1] == 5) {
                        colour = Math.max(0, Math.min(255, n[i + 2]));
                        i += 2;
                    } else if (i + 4 < n.length && n[i + 1] == 2) {
                        colour = RGB | (clamp(n[i + 2]) << 16) | (clamp(n[i + 3]) << 8) | clamp(n[i + 4]);
                        i += 4;
                    } else {
                        i = n.length;
                    }
                    if (p == 38) {
                        fg = colour;
                    } else {
                        bg = colour;
                    }
                }
                default -> {
                    if (p >= 30 && p <= 37) {
                        fg = p - 30;
                    } else if (p >= 40 && p <= 47) {
                        bg = p - 40;
                    } else if (p >= 90 && p <= 97) {
                        fg = p - 90 + 8;
                    } else if (p >= 100 && p <= 107) {
                        bg = p - 100 + 8;
                    }
                }
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private void send(String s) {
        if (reply != null) {
            reply.accept(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
