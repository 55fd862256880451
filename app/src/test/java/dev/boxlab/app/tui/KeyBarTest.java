package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.app.session.KeyMap.Mode;

/** The key bars generated from the key map are the bars the screens always had. */
class KeyBarTest {
    static List<String> bar(Mode m) {
        return Arrays.stream(KeyBar.keys(m)).map(k -> k[0] + " " + k[1]).toList();
    }

    @Test
    void eachScreenKeepsItsBar() {
        assertEquals(List.of("r run step", "s one cmd", "n next", "p prev", "h hint", "v view", "Tab pane", ": type",
                "? help", "q quit"), bar(Mode.SCREEN));
        assertEquals(List.of("Space type next command", "← back a step", "n skip", "v view", "z zoom state", "? help",
                "q quit"), bar(Mode.DEMO));
        assertEquals(List.of("↑↓ choose", "Enter open", "1-9 open by number", "? help", "q quit"), bar(Mode.PICKER));
    }
}
