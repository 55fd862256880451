package dev.boxlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo's typing: every character, in order, with pauses that follow the speed and the words. */
class TypistTest {
    @Test
    void typesEveryCharacterWithLongerBeatsBetweenWords() {
        List<Long> pauses = new ArrayList<>();
        StringBuilder typed = new StringBuilder();
        new Typist(1, pauses::add).type("ip a | x", typed::append);
        assertEquals("ip a | x", typed.toString());
        assertEquals(8, pauses.size());
        long letter = pauses.get(0);
        assertEquals(45, letter); // 22 characters a second
        assertEquals(2 * letter, pauses.get(2), 1); // after the space
        assertEquals(3 * letter, pauses.get(5), 1); // after the pipe
    }

    @Test
    void twiceTheSpeedHalvesThePauses() {
        assertEquals(new Typist(1, ms -> { }).pauseAfter('a'), 2 * new Typist(2, ms -> { }).pauseAfter('a'), 1);
    }

    @Test
    void anInterruptTypesTheRestAtOnce() {
        StringBuilder typed = new StringBuilder();
        new Typist(1, ms -> {
            throw new InterruptedException();
        }).type("ip link", typed::append);
        assertEquals("ip link", typed.toString());
        assertTrue(Thread.interrupted());
    }

    @Test
    void nonsenseSpeedsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Typist(0));
        assertThrows(IllegalArgumentException.class, () -> new Typist(-1));
        assertThrows(IllegalArgumentException.class, () -> new Typist(Double.NaN));
    }
}
