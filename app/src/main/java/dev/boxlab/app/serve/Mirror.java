package dev.boxlab.app.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An attendee's screen output (to their SSH channel), copied to the instructors watching it. A copy
 * never slows the attendee down: it is queued and written by a thread of its own, and a watcher
 * that falls too far behind is dropped. Nothing ever comes back from a watcher: read-only.
 */
final class Mirror extends OutputStream {
    /** One watcher's copy: bytes queued for its connection. */
    static final class Copy implements AutoCloseable {
        private static final byte[] END = new byte[0];
        private final WritableByteChannel to;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4096);

        Copy(WritableByteChannel to) {
            this.to = to;
            Thread t = new Thread(this::send, "boxlab-watch-copy");
            t.setDaemon(true);
            t.start();
        }

        private void send() {
            try {
                for (byte[] b = queue.take(); b != END; b = queue.take()) {
                    ByteBuffer buf = ByteBuffer.wrap(b);
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the watcher left
            }
            close();
        }

        /** Queues bytes; false when the watcher is too far behind (it is then dropped). */
        boolean offer(byte[] b) {
            return queue.offer(b);
        }

        @Override
        public void close() {
            queue.clear();
            queue.offer(END);
            try {
                to.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private final OutputStream out;
    private final List<Copy> copies = new CopyOnWriteArrayList<>();

    Mirror(OutputStream out) {
        this.out = out;
    }

    /** From now on, what the screen draws also goes to {@code to}. */
    Copy add(WritableByteChannel to) {
        Copy c = new Copy(to);
        copies.add(c);
        return c;
    }

    void remove(Copy c) {
        if (c != null && copies.remove(c)) {
            c.close();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (Copy c : copies) {
            if (!c.offer(Arrays.copyOfRange(b, off, off + len))) {
                remove(c);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** The screen has ended: every watcher's connection closes (the channel is closed by its owner). */
    @Override
    public void close() {
        copies.forEach(this::remove);
    }
}
