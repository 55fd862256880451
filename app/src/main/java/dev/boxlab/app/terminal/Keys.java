package dev.boxlab.app.terminal;

import java.nio.charset.StandardCharsets;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * What an xterm sends to the pty for a key, so the shell and its programs get exactly the bytes
 * they would get in a terminal of their own: Ctrl-C is 0x03 (the tty turns it into SIGINT), Ctrl-D
 * 0x04, Ctrl-Z 0x1a, Ctrl-R 0x12, Tab 0x09, arrows {@code ESC [ A} or, when the program asked for
 * application cursor keys (less, vi), {@code ESC O A}.
 *
 * <p>Function keys are boxlab's and are never sent; nor is the key that leaves the terminal
 * ({@link #isLeave}).
 */
public final class Keys {
    private Keys() {}

    /** Ctrl-] leaves the terminal for boxlab's keys (as in telnet), as does F9. */
    public static boolean isLeave(KeyStroke k) {
        return k.getKeyType() == KeyType.F9
                || (k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() == ']');
    }

    /** True for the keys that are boxlab's even while the terminal has focus: every function key. */
    public static boolean isBoxlabs(KeyStroke k) {
        return switch (k.getKeyType()) {
            case F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15, F16, F17, F18, F19 -> true;
            default -> isLeave(k);
        };
    }

    /** The bytes for {@code k}, or null if the key is boxlab's or has no meaning to a terminal. */
    public static byte[] bytes(KeyStroke k, boolean applicationCursorKeys) {
        if (isBoxlabs(k)) {
            return null;
        }
        String s = text(k, applicationCursorKeys);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(KeyStroke k, boolean app) {
        String esc = k.isAltDown() ? "\033" : "";
        return switch (k.getKeyType()) {
            case Character -> esc + character(k);
            case Enter -> esc + "\r";
            case Backspace -> esc + (k.isCtrlDown() ? "\b" : "\u007f");
            case Tab -> esc + "\t";
            case ReverseTab -> "\033[Z";
            case Escape -> "\033";
            case Delete -> "\033[3~";
            case Insert -> "\033[2~";
            case PageUp -> "\033[5~";
            case PageDown -> "\033[6~";
            case ArrowUp -> cursor('A', k, app);
            case ArrowDown -> cursor('B', k, app);
            case ArrowRight -> cursor('C', k, app);
            case ArrowLeft -> cursor('D', k, app);
            case Home -> cursor('H', k, app);
            case End -> cursor('F', k, app);
            default -> null;
        };
    }

    private static String character(KeyStroke k) {
        char c = k.getCharacter();
        if (!k.isCtrlDown()) {
            return String.valueOf(c);
        }
        char l = Character.toLowerCase(c);
        if (l >= 'a' && l <= 'z') {
            return String.valueOf((char) (l - 'a' + 1));
        }
        return switch (c) {
            case ' ', '@', '2' -> "\0";
            case '[', '3' -> "\033";
            case '\\', '4' -> "\034";
            case ']', '5' -> "\035";
            case '^', '6' -> "\036";
            case '_', '-', '7' -> "\037";
            case '?', '8' -> "\u007f";
            default -> String.valueOf(c);
        };
    }

    /** xterm's cursor keys: a modifier makes them {@code ESC [ 1 ; m X} whatever the mode. */
    private static String cursor(char x, KeyStroke k, boolean app) {
        int m = 1 + (k.isShiftDown() ? 1 : 0) + (k.isAltDown() ? 2 : 0) + (k.isCtrlDown() ? 4 : 0);
        if (m > 1) {
            return "\033[1;" + m + x;
        }
        return (app ? "\033O" : "\033[") + x;
    }
}
