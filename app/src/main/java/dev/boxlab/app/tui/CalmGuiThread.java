package dev.boxlab.app.tui;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.googlecode.lanterna.gui2.AbstractTextGUIThread;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.gui2.TextGUIThread;
import com.googlecode.lanterna.gui2.TextGUIThreadFactory;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;

/**
 * Lanterna's {@code SeparateTextGUIThread} with a calm idle. Lanterna's sleeps one millisecond
 * between polls of the terminal: a thousand wake-ups a second on a screen where nothing happens.
 * This one polls every millisecond for a moment after a key, then every {@link #IDLE_MILLIS}; a
 * task handed to it with {@link #invokeLater} (a redraw, the shell's output) wakes it at once, so
 * only the first key typed after a quiet spell can wait, and at most that long.
 */
final class CalmGuiThread extends AbstractTextGUIThread implements AsynchronousTextGUIThread {
    static final long IDLE_MILLIS = 30;
    private static final long TYPING_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private volatile State state = State.CREATED;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private CalmGuiThread(TextGUI gui) {
        super(gui);
        thread = new Thread(this::loop, "LanternaGUI");
    }

    /** For {@code MultiWindowTextGUI}'s constructor. */
    static final class Factory implements TextGUIThreadFactory {
        @Override
        public TextGUIThread createTextGUIThread(TextGUI gui) {
            return new CalmGuiThread(gui);
        }
    }

    @Override
    public void start() {
        state = State.STARTED;
        thread.start();
    }

    @Override
    public void stop() {
        if (state == State.STARTED) {
            state = State.STOPPING;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void waitForStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void waitForStop(long time, TimeUnit unit) throws InterruptedException {
        stopped.await(time, unit);
    }

    @Override
    public State getState() {
        return state;
    }

    @Override
    public Thread getThread() {
        return thread;
    }

    @Override
    public void invokeLater(Runnable r) {
        if (state != State.STARTED) {
            throw new IllegalStateException("the GUI thread is " + state + ": cannot run " + r);
        }
        super.invokeLater(r);
        LockSupport.unpark(thread);
    }

    /**
     * Lanterna's own, but says whether a key came in rather than whether the screen was drawn: a
     * redraw asked for from another thread wakes this thread anyway, and a timer's redraw must not
     * keep it polling every millisecond.
     */
    @Override
    public synchronized boolean processEventsAndUpdate() throws IOException {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("processEventsAndUpdate outside of the GUI thread");
        }
        boolean input = textGUI.processInput();
        Runnable task;
        while ((task = customTasks.poll()) != null) {
            task.run();
        }
        if (textGUI.isPendingUpdate()) {
            textGUI.updateScreen();
        }
        return input;
    }

    private void loop() {
        long lastKey = System.nanoTime();
        try {
            while (state == State.STARTED) {
                boolean typed;
                try {
                    typed = processEventsAndUpdate();
                } catch (EOFException e) {
                    // the terminal is gone: as Lanterna's thread does, close the windows and stop
                    stop();
                    if (textGUI instanceof WindowBasedTextGUI w) {
                        w.getWindows().forEach(Window::close);
                    }
                    break;
                } catch (IOException e) {
                    if (exceptionHandler.onIOException(e)) {
                        stop();
                    }
                    continue;
                } catch (RuntimeException e) {
                    if (exceptionHandler.onRuntimeException(e)) {
                        stop();
                    }
                    continue;
                }
                long now = System.nanoTime();
                if (typed) {
                    lastKey = now;
                }
                if (customTasks.isEmpty()) {
                    LockSupport.parkNanos(now - lastKey < TYPING_NANOS ? TimeUnit.MILLISECONDS.toNanos(1)
                            : TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
                }
            }
        } finally {
            state = State.STOPPED;
            stopped.countDown();
        }
    }
}
