package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AttendeesTest {
    @Test
    void anOpenRoomTakesAnyNameWithThePassphrase() {
        Attendees room = Attendees.openRoom("tulip");
        assertTrue(room.accepts("alice", "tulip"));
        assertTrue(room.accepts("bob.smith-2", "tulip"));
        assertFalse(room.accepts("alice", "tulips"));
        assertFalse(room.accepts("alice", ""));
        assertEquals(0, room.listed());
    }

    @Test
    void aNameThatIsNotAFileNameIsRefused() {
        Attendees room = Attendees.openRoom("tulip");
        for (String name : new String[] {"../etc", "a/b", ".hidden", "x".repeat(33), ""}) {
            assertFalse(room.accepts(name, "tulip"), name);
        }
    }

    @Test
    void aClassFileGivesEachAttendeeTheirOwnPassword() {
        Attendees c = Attendees.classList("class.txt", List.of("# the Tuesday class", "", "alice  red fox",
                "bob blue"));
        String[][] tries = {{"alice", "red fox"}, {"bob", "blue"}, {"alice", "blue"}, {"carol", "blue"}};
        assertEquals(List.of(true, true, false, false),
                java.util.Arrays.stream(tries).map(t -> c.accepts(t[0], t[1])).toList());
        assertEquals(2, c.listed());
    }

    @Test
    void classFileProblemsNameTheLine() {
        assertEquals("class.txt:2: expected NAME PASSWORD", assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("alice x", "bob"))).getMessage());
        assertEquals("class.txt:2: 'alice' is listed twice", assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("alice x", "alice y"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("a/b x"))).getMessage().startsWith("class.txt:1: a name"));
        assertThrows(IllegalArgumentException.class, () -> Attendees.classList("class.txt", List.of("# nobody")));
        assertThrows(IllegalArgumentException.class, () -> Attendees.openRoom(""));
    }
}
