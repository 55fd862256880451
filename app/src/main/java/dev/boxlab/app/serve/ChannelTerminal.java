package dev.boxlab.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;

/**
 * An attendee's terminal at the other end of an SSH channel: ANSI out, keys in, its size from the
 * client's pty request and its window-change messages (never from a cursor-position query the
 * client might not answer). There is no tty on our side: the client's terminal is already raw, so
 * Ctrl-C arrives as a key, as it does on the local screen.
 */
public final class ChannelTerminal extends ANSITerminal {
    private volatile TerminalSize size;
    private volatile boolean hungUp;

    public ChannelTerminal(InputStream in, OutputStream out, int columns, int rows) {
        super(in, out, StandardCharsets.UTF_8);
        this.size = sizeOf(columns, rows);
    }

    /** The client's window changed (SSH "window-change"): the screen redraws at the new size. */
    public void resized(int columns, int rows) {
        size = sizeOf(columns, rows);
        onResized(size);
    }

    /**
     * The connection is gone. A closed channel's stream is never "ready" to Lanterna's reader, so
     * its end would go unnoticed: from now on the screen reads EOF, quits and ends the lab.
     */
    public void hangUp() {
        hungUp = true;
    }

    @Override
    public KeyStroke pollInput() throws IOException {
        return hungUp ? new KeyStroke(KeyType.EOF) : super.pollInput();
    }

    @Override
    public KeyStroke readInput() throws IOException {
        return hungUp ? new KeyStroke(KeyType.EOF) : super.readInput();
    }

    @Override
    protected TerminalSize findTerminalSize() {
        return size;
    }

    /** The client's window size, as last told. */
    public TerminalSize size() {
        return size;
    }

    private static TerminalSize sizeOf(int columns, int rows) {
        return new TerminalSize(columns > 0 ? columns : 80, rows > 0 ? rows : 24);
    }
}
