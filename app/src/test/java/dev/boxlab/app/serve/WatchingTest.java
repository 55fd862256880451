package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchingTest {
    @TempDir
    Path dir;

    @Test
    void watchingSomeoneNotConnectedSaysSoAndShowsNothing() throws Exception {
        Path socket = dir.resolve("watch.sock");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Watching w = Watching.listen(socket, new Room(dir))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)),
                    "only root may ask to watch a screen");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Watching.watch(socket, "alice",
                    new PrintStream(screen), new PrintWriter(new StringWriter())));
            assertEquals("alice is not connected", e.getMessage());
        }
        assertEquals(0, screen.size(), "nothing drawn on the instructor's terminal");
        assertFalse(Files.exists(socket), "serve's end removes the socket");
        assertTrue(assertThrows(IllegalStateException.class, () -> Watching.watch(socket, "alice",
                new PrintStream(screen), new PrintWriter(new StringWriter()))).getMessage()
                .startsWith("cannot reach boxlab serve at " + socket));
    }
}
