package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;

class ChannelTerminalTest {
    @Test
    void theSizeComesFromThePtyRequestAndWindowChanges() throws Exception {
        ChannelTerminal t = new ChannelTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), 100, 30);
        assertEquals(new TerminalSize(100, 30), t.getTerminalSize());
        List<TerminalSize> told = new ArrayList<>();
        t.addResizeListener((term, size) -> told.add(size));
        t.resized(120, 40);
        assertEquals(List.of(new TerminalSize(120, 40)), told);
        assertEquals(new TerminalSize(120, 40), t.getTerminalSize());
    }

    @Test
    void noPtyMeans80By24() throws Exception {
        ChannelTerminal t = new ChannelTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), 0, 0);
        assertEquals(new TerminalSize(80, 24), t.getTerminalSize());
    }

    @Test
    void aHungUpConnectionReadsAsEndOfInput() throws Exception {
        ChannelTerminal t = new ChannelTerminal(new ByteArrayInputStream("x".getBytes()), new ByteArrayOutputStream(), 80, 24);
        assertEquals('x', t.pollInput().getCharacter());
        t.hangUp();
        assertEquals(KeyType.EOF, t.pollInput().getKeyType());
        assertEquals(KeyType.EOF, t.readInput().getKeyType());
    }
}
