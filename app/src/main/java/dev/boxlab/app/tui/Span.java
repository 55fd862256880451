package dev.boxlab.app.tui;

/** A run of text in one tone. */
record Span(String text, Tone tone) {}
