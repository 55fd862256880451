package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ClassCommandTest {
    @Test
    void theTableShowsEachAttendeeAndWhoLooksStuck() throws Exception {
        Instant now = Instant.parse("2026-11-25T10:30:00Z");
        String json = """
                {"updated": "2026-11-25T10:29:59Z", "attendees": [
                  {"name": "alice", "connected": true, "lastTyped": "2026-11-25T10:29:50Z", "lesson": "networking",
                   "step": "bridge", "done": 4, "checks": "2/3", "tries": 5, "stepSince": "2026-11-25T10:05:00Z"},
                  {"name": "dave", "connected": true, "lastTyped": "2026-11-25T10:29:50Z", "lesson": "networking",
                   "step": "veth", "done": 3, "checks": "2/2", "tries": 9, "stepSince": "2026-11-25T10:05:00Z"},
                  {"name": "erin", "connected": true, "lastTyped": "2026-11-25T10:05:00Z", "lesson": "networking",
                   "step": "veth", "done": 3, "checks": "0/2", "tries": 1, "stepSince": "2026-11-25T10:05:00Z"},
                  {"name": "bob", "connected": true, "lastTyped": null, "lesson": null, "step": null, "done": 0,
                   "stepSince": "2026-11-25T10:29:00Z"},
                  {"name": "carol", "connected": false, "lesson": "cgroups", "step": "pids", "done": 2,
                   "stepSince": "2026-11-25T09:00:00Z"}]}""";
        List<String> t = ClassCommand.table(new ObjectMapper().readTree(json), now, Duration.ofMinutes(10), 3);
        assertTrue(t.get(0).startsWith("ATTENDEE"), t.get(0));
        assertTrue(t.get(1).matches("alice +yes +networking +bridge +4 +2/3 +5 +10s ago +25m +STUCK\\?"), t.get(1));
        assertTrue(t.get(2).matches("dave +yes +networking +veth +3 +2/2 +9 +10s ago +25m *"), t.get(2) + ": its checks pass");
        assertTrue(t.get(3).matches("erin +yes +networking +veth +3 +0/2 +1 +25m ago +25m *"), t.get(3) + ": not trying");
        assertTrue(t.get(4).matches("bob +yes +- +- +0 +- +0 +- +1m *"), t.get(4));
        assertTrue(t.get(5).matches("carol +no +cgroups +pids +2 +- +- +- +1h30m *"), t.get(5));
        assertEquals("4 connected, 5 known; updated 1s ago", t.get(6));
    }
}
