package dev.boxlab.app;

/** ANSI colour for headless output when it goes to a terminal and NO_COLOR is not set. */
record Style(boolean color) {
    static Style forStdout() {
        return new Style(System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM")));
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    // the palette, one SGR code a line
    String bold(String s) { return wrap("1", s); }
    String dim(String s) { return wrap("2", s); }
    String red(String s) { return wrap("31", s); }
    String green(String s) { return wrap("32", s); }
    String yellow(String s) { return wrap("33", s); }
    String cyan(String s) { return wrap("36", s); }
}
