package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MirrorTest {
    @Test
    void aWatcherGetsWhatTheScreenDrawsFromWhenItCameAndNothingAfterItLeft() throws Exception {
        ByteArrayOutputStream attendee = new ByteArrayOutputStream();
        Mirror mirror = new Mirror(attendee);
        mirror.write("before ".getBytes(StandardCharsets.UTF_8));
        Pipe pipe = Pipe.open();
        Mirror.Copy copy = mirror.add(pipe.sink());
        mirror.write("\033[Hwatched".getBytes(StandardCharsets.UTF_8));
        mirror.flush();
        assertEquals("\033[Hwatched", read(pipe.source(), 10));
        mirror.remove(copy);
        mirror.write(" after".getBytes(StandardCharsets.UTF_8));
        assertEquals(-1, pipe.source().read(ByteBuffer.allocate(16)), "the watcher's connection is closed");
        assertEquals("before \033[Hwatched after", attendee.toString(StandardCharsets.UTF_8),
                "the attendee gets everything, as without a watcher");
    }

    @Test
    void aWatcherThatDoesNotReadIsDroppedAndTheScreenGoesOn() throws Exception {
        ByteArrayOutputStream attendee = new ByteArrayOutputStream();
        Mirror mirror = new Mirror(attendee);
        Pipe pipe = Pipe.open();
        mirror.add(pipe.sink()); // nobody reads: the pipe fills, then the queue
        for (int i = 0; i < 20_000; i++) {
            mirror.write(new byte[64]);
        }
        assertEquals(20_000 * 64, attendee.size());
        ByteBuffer all = ByteBuffer.allocate(1 << 20);
        long got = 0;
        for (int n = pipe.source().read(all); n >= 0; n = pipe.source().read(all)) {
            got += n;
            all.clear();
        }
        assertTrue(got < 20_000 * 64, "the watcher got less than everything (" + got + ") and was closed");
    }

    private static String read(Pipe.SourceChannel from, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            from.read(b);
        }
        return new String(b.array(), StandardCharsets.UTF_8);
    }
}
