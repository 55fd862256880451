package dev.boxlab.app.session;

import java.util.List;

/** What the state pane shows; a step's {@code watch} names the one to open with. */
public enum View {
    NETWORK("network"), MOUNTS("mounts"), CGROUPS("cgroups"), PROCESSES("processes"), LAYERS("layers");

    public final String word;

    View(String word) {
        this.word = word;
    }

    public View next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public static View forWatch(List<String> watch) {
        if (watch != null) {
            for (String w : watch) {
                for (View v : values()) {
                    if (v.word.equals(w)) {
                        return v;
                    }
                }
            }
        }
        return NETWORK;
    }
}
