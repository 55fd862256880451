package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.boxlab.app.session.Progress;

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

    @Test
    void aNameConnectingAgainTakesTheSeatAndClosesTheOldConnection() {
        Room room = new Room(dir);
        AtomicBoolean closed = new AtomicBoolean();
        Room.Seat first = room.arrive("alice", () -> closed.set(true));
        Room.Seat second = room.arrive("alice", () -> { });
        assertTrue(closed.get());
        List<String> said = new java.util.ArrayList<>();
        second.sayWith(said::add);
        assertEquals(1, room.broadcast("break in five minutes"));
        assertEquals(List.of("break in five minutes"), said);
        room.leave(first); // the old connection's screen ends after the new one began
        assertEquals(1, room.connected());
        room.leave(second);
        assertEquals(0, room.connected());
    }
}
