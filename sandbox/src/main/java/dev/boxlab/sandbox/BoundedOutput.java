package dev.boxlab.sandbox;

import java.util.function.Consumer;

/**
 * A command's output as boxlab keeps it: the first {@link #HEAD} and the last {@link #TAIL}
 * characters, with a note of how much was left out between them, so a command that prints without
 * end (yes, cat /dev/zero | od) costs bounded memory. What a listener is shown is bounded the same
 * way: the head as it arrives, then one note.
 */
final class BoundedOutput {
    static final int HEAD = 64 * 1024;
    static final int TAIL = 16 * 1024;

    private final Consumer<String> listener;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long dropped;
    private boolean told;

    BoundedOutput(Consumer<String> listener) {
        this.listener = listener;
    }

    void append(String text) {
        if (text.isEmpty()) {
            return;
        }
        int room = HEAD - head.length();
        if (room > 0) {
            String shown = text.length() <= room ? text : text.substring(0, room);
            head.append(shown);
            if (listener != null) {
                listener.accept(shown);
            }
            text = text.substring(shown.length());
            if (text.isEmpty()) {
                return;
            }
        }
        if (!told && listener != null) {
            told = true;
            listener.accept("\n[boxlab: this command prints a lot; only its first and last lines are kept]\n");
        }
        tail.append(text);
        if (tail.length() > 2 * TAIL) {
            int cut = tail.length() - TAIL;
            dropped += cut;
            tail.delete(0, cut);
        }
    }

    boolean endsWithNewline() {
        StringBuilder last = tail.length() > 0 ? tail : head;
        return last.length() == 0 || last.charAt(last.length() - 1) == '\n';
    }

    String text() {
        if (tail.length() <= TAIL && dropped == 0) {
            return head.toString() + tail;
        }
        int cut = Math.max(0, tail.length() - TAIL);
        long left = dropped + cut;
        return head + "\n[boxlab: " + left + " characters of output left out]\n" + tail.substring(cut);
    }
}
