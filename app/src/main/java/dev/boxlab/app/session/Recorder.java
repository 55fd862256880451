package dev.boxlab.app.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header
 * line, then one {@code [seconds, "o", text]} line per piece of output, playable with
 * {@code asciinema play FILE.cast}.
 */
public final class Recorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer file;
    private final long start = System.nanoTime();
    private final boolean translateNewlines;

    /**
     * @param translateNewlines true for plain line output (headless), whose "\n" a player's raw
     *                          terminal needs as "\r\n"; false for a screen program's own escape codes
     */
    public Recorder(Path path, int width, int height, String title, boolean translateNewlines) throws IOException {
        this.translateNewlines = translateNewlines;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        ObjectNode header = JSON.createObjectNode();
        header.put("version", 2);
        header.put("width", width);
        header.put("height", height);
        header.put("timestamp", Instant.now().getEpochSecond());
        header.put("title", title);
        ObjectNode env = header.putObject("env");
        env.put("TERM", System.getenv().getOrDefault("TERM", "xterm-256color"));
        env.put("SHELL", "/bin/bash");
        file.write(JSON.writeValueAsString(header));
        file.write('\n');
        file.flush();
    }

    public synchronized void output(String text) {
        if (text.isEmpty()) {
            return;
        }
        String data = translateNewlines ? text.replace("\r\n", "\n").replace("\n", "\r\n") : text;
        ArrayNode event = JSON.createArrayNode();
        event.add(Math.round((System.nanoTime() - start) / 1e3) / 1e6);
        event.add("o");
        event.add(data);
        try {
            file.write(JSON.writeValueAsString(event));
            file.write('\n');
            file.flush();
        } catch (IOException e) {
            // a recording that cannot be written must not stop the lesson
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing more to save
        }
    }

    /** A writer that passes text on and records it. */
    public Writer tee(Writer inner) {
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                inner.write(cbuf, off, len);
                output(new String(cbuf, off, len));
            }

            @Override
            public void flush() throws IOException {
                inner.flush();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    /** A byte stream (a terminal's output) that passes bytes on and records them as text. */
    public OutputStream tee(OutputStream inner) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new OutputStream() {
            private final ByteBuffer pending = ByteBuffer.allocate(8192);

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                inner.write(b, off, len);
                int i = off;
                while (i < off + len) {
                    int n = Math.min(pending.remaining(), off + len - i);
                    pending.put(b, i, n);
                    i += n;
                    drain();
                }
            }

            private void drain() {
                pending.flip();
                CharBuffer chars = CharBuffer.allocate(pending.remaining() + 1);
                decoder.decode(pending, chars, false); // keeps an incomplete UTF-8 sequence for next time
                pending.compact();
                chars.flip();
                output(chars.toString());
            }

            @Override
            public void flush() throws IOException {
                inner.flush();
            }
        };
    }
}
