package dev.boxlab.app.tui;

import dev.boxlab.sandbox.SnapshotDiff;

/** What a piece of text is, in the screen's words; the {@link Theme} decides how each one looks. */
enum Tone {
    TEXT, DIM, BOLD, CODE, HEADING, TITLE, BAR, BAR_KEY, KEY, COMMAND, PROMPT,
    ADDED, REMOVED, CHANGED, OK, FAIL, PENDING, HINT, WARN, BORDER, FOCUS, SELECTED;

    /** How a change reads: added, removed or changed. */
    static Tone of(SnapshotDiff.Kind kind) {
        return switch (kind) {
            case ADDED -> ADDED;
            case REMOVED -> REMOVED;
            case CHANGED -> CHANGED;
        };
    }
}
