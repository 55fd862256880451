package dev.boxlab.app.tui;

/** What a piece of text is, in the screen's words; the {@link Theme} decides how each one looks. */
enum Tone {
    TEXT, DIM, BOLD, CODE, HEADING, TITLE, BAR, BAR_KEY, KEY, COMMAND, PROMPT,
    ADDED, REMOVED, CHANGED, OK, FAIL, PENDING, HINT, WARN, BORDER, FOCUS, SELECTED
}
