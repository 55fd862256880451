package dev.boxlab.app;

import dev.boxlab.app.session.Recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.boxlab.sandbox.RootOnly;

/** {@code --record}: a valid asciicast v2 file holding the commands shown. */
class RecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static void assertValidCast(Path cast, String... mustShow) throws IOException {
        List<String> lines = Files.readAllLines(cast);
        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(2, header.get("version").asInt());
        assertTrue(header.get("width").asInt() > 0 && header.get("height").asInt() > 0);
        assertTrue(header.get("timestamp").asLong() > 1_700_000_000L);
        double last = 0;
        StringBuilder shown = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode e = JSON.readTree(line);
            assertTrue(e.isArray() && e.size() == 3, line);
            double t = e.get(0).asDouble();
            assertTrue(t >= last, "event times go backwards: " + line);
            last = t;
            assertEquals("o", e.get(1).asText());
            shown.append(e.get(2).asText());
        }
        for (String s : mustShow) {
            assertTrue(shown.toString().contains(s), "the recording does not show " + s);
        }
    }

    @Test
    void headlessRunAllRecordsAPlayableCast(@TempDir Path dir) throws IOException {
        RootOnly.require();
        Files.writeString(dir.resolve("mini.yaml"), """
                id: mini
                title: Mini
                summary: one namespace
                steps:
                  - id: ns
                    title: A namespace
                    run: [ip netns add rec0, ip netns list]
                    check: [ip -n rec0 link show lo]
                """);
        Path cast = dir.resolve("out/mini.cast");
        var r = CommandLineTest.run("--lessons-dir", dir.toString(), "--lesson", "mini", "--run-all", "--record", cast.toString());
        assertEquals(0, r.code(), r.err());
        assertValidCast(cast, "$ ip netns add rec0", "rec0\r\n", "1 passed, 0 failed\r\n");
        assertTrue(r.out().contains("$ ip netns add rec0"), "the terminal output should be unchanged by recording");
    }

    @Test
    void bytesSplitInsideAUtf8CharacterAreRecordedWhole(@TempDir Path dir) throws IOException {
        Path cast = dir.resolve("x.cast");
        try (Recorder rec = new Recorder(cast, 80, 24, "t", false)) {
            var sink = new java.io.ByteArrayOutputStream();
            var out = rec.tee(sink);
            byte[] check = "✓ ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(check, 0, 2);
            out.write(check, 2, check.length - 2);
            assertEquals("✓ ok", sink.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertValidCast(cast, "✓ ok");
    }
}
