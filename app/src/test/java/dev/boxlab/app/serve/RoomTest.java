package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.boxlab.app.session.Progress;
import dev.boxlab.app.tui.Seat.Control;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonLibrary;
import dev.boxlab.lessons.LessonSession;

class RoomTest {
    @TempDir
    Path dir;

    @Test
    void theRoomListsWhoIsConnectedAndWhereEachIs() throws Exception {
        Room room = new Room(dir);
        Progress.load(room.progressFile("bob")).currentStep("cgroups", "pids");
        Room.Seat alice = room.arrive("alice", () -> { });
        alice.typed();
        List<Room.Attendee> rows = room.attendees();
        assertEquals(List.of("alice", "bob"), rows.stream().map(Room.Attendee::name).toList());
        assertTrue(rows.get(0).connected());
        assertTrue(rows.get(0).lastTyped() != null);
        assertFalse(rows.get(1).connected());
        assertEquals("cgroups", rows.get(1).lesson());
        assertEquals("pids", rows.get(1).step());

        Path file = dir.resolve("class.json");
        room.publish(file);
        JsonNode json = Room.json().readTree(Files.readString(file));
        assertEquals("alice", json.path("attendees").get(0).path("name").asText());
        room.leave(alice);
        assertEquals(0, room.connected());
    }

    /** An attendee's screen as serve acts on it: windows shown, lessons opened. */
    static final class Screen implements Control {
        int shown;
        final List<String> opened = new java.util.ArrayList<>();

        @Override
        public void gui(java.util.function.Consumer<com.googlecode.lanterna.gui2.WindowBasedTextGUI> r) {
            shown++;
        }

        @Override
        public void open(Lesson lesson, int index) {
            opened.add(lesson.id() + ":" + index);
        }
    }

    @Test
    void catchingUpMovesWhoeverIsNotThereYetAndTellsThem() {
        Room room = new Room(dir);
        Lesson networking = LessonLibrary.load(null).find("networking").orElseThrow();
        Lesson cgroups = LessonLibrary.load(null).find("cgroups").orElseThrow();
        Map<String, Screen> screens = new java.util.TreeMap<>();
        for (String[] who : new String[][] {{"behind", "networking", "1"}, {"there", "networking", "4"},
                {"ahead", "networking", "6"}, {"elsewhere", "cgroups", "2"}, {"picking", null, null}}) {
            Room.Seat seat = room.arrive(who[0], () -> { });
            Screen screen = new Screen();
            seat.control(screen);
            screens.put(who[0], screen);
            if (who[1] != null) {
                LessonSession s = new LessonSession(who[1].equals("cgroups") ? cgroups : networking, null);
                s.moveTo(Integer.parseInt(who[2]));
                seat.opened(s);
            }
        }
        assertEquals(3, room.catchUp(networking, 4));
        Map<String, List<String>> opened = new java.util.TreeMap<>();
        screens.forEach((name, screen) -> opened.put(name, screen.opened));
        assertEquals(Map.of("behind", List.of("networking:4"), "there", List.of(), "ahead", List.of(),
                "elsewhere", List.of("networking:4"), "picking", List.of("networking:4")), opened);
        assertEquals(1, screens.get("behind").shown, "told why their screen moved");
        assertEquals(0, screens.get("ahead").shown);
    }

    @Test
    void theRoomTellsHowManyCommandsEachTriedOnTheirStep() {
        Room room = new Room(dir);
        Lesson networking = LessonLibrary.load(null).find("networking").orElseThrow();
        Room.Seat seat = room.arrive("alice", () -> { });
        LessonSession s = new LessonSession(networking, null);
        s.moveTo(2);
        seat.opened(s);
        s.commandRan("ip link");
        s.commandRan("ip netns list");
        assertEquals(2, room.attendees().get(0).tries());
        s.moveTo(3);
        assertEquals(0, room.attendees().get(0).tries(), "counted again on each step");
    }

    @Test
    void aNameConnectingAgainTakesTheSeatAndClosesTheOldConnection() {
        Room room = new Room(dir);
        AtomicBoolean closed = new AtomicBoolean();
        Room.Seat first = room.arrive("alice", () -> closed.set(true));
        Room.Seat second = room.arrive("alice", () -> { });
        assertTrue(closed.get());
        Screen screen = new Screen();
        second.control(screen);
        assertEquals(1, room.broadcast("break in five minutes"));
        assertEquals(1, screen.shown, "a message window on the new connection's screen");
        room.leave(first); // the old connection's screen ends after the new one began
        assertEquals(1, room.connected());
        room.leave(second);
        assertEquals(0, room.connected());
    }
}
