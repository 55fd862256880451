package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** The line the learner types commands on: editing keys as in a shell, and a history on Up and Down. */
final class CommandLine {
    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private final List<String> history = new ArrayList<>();
    private int historyAt = -1;
    private String draft = "";

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    List<String> history() {
        return List.copyOf(history);
    }

    void set(String s) {
        text.setLength(0);
        text.append(s);
        cursor = s.length();
    }

    /** Takes the line (for running it) and remembers it. */
    String submit() {
        String s = text.toString();
        if (!s.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(s))) {
            history.add(s);
        }
        historyAt = -1;
        draft = "";
        set("");
        return s;
    }

    /** Applies an editing key; false when the key is not an editing key. */
    boolean edit(KeyStroke k) {
        KeyType t = k.getKeyType();
        if (t == KeyType.Character && !k.isCtrlDown() && !k.isAltDown()) {
            text.insert(cursor, k.getCharacter());
            cursor++;
            return true;
        }
        if (t == KeyType.Character && k.isCtrlDown()) {
            switch (Character.toLowerCase(k.getCharacter())) {
                case 'a' -> cursor = 0;
                case 'e' -> cursor = text.length();
                case 'u' -> {
                    text.delete(0, cursor);
                    cursor = 0;
                }
                case 'k' -> text.setLength(cursor);
                case 'w' -> {
                    int i = cursor;
                    while (i > 0 && text.charAt(i - 1) == ' ') {
                        i--;
                    }
                    while (i > 0 && text.charAt(i - 1) != ' ') {
                        i--;
                    }
                    text.delete(i, cursor);
                    cursor = i;
                }
                case 'b' -> cursor = Math.max(0, cursor - 1);
                case 'f' -> cursor = Math.min(text.length(), cursor + 1);
                default -> {
                    return false;
                }
            }
            return true;
        }
        switch (t) {
            case Backspace -> {
                if (cursor > 0) {
                    text.deleteCharAt(--cursor);
                }
            }
            case Delete -> {
                if (cursor < text.length()) {
                    text.deleteCharAt(cursor);
                }
            }
            case ArrowLeft -> cursor = Math.max(0, cursor - 1);
            case ArrowRight -> cursor = Math.min(text.length(), cursor + 1);
            case Home -> cursor = 0;
            case End -> cursor = text.length();
            case ArrowUp -> {
                if (history.isEmpty()) {
                    return true;
                }
                if (historyAt < 0) {
                    draft = text.toString();
                    historyAt = history.size();
                }
                if (historyAt > 0) {
                    historyAt--;
                    set(history.get(historyAt));
                }
            }
            case ArrowDown -> {
                if (historyAt < 0) {
                    return true;
                }
                historyAt++;
                if (historyAt >= history.size()) {
                    historyAt = -1;
                    set(draft);
                } else {
                    set(history.get(historyAt));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
