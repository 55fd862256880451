package dev.boxlab.app.tui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.googlecode.lanterna.gui2.TextGUIThread;

/** Kernel work on one thread, probes on another, results back through Lanterna's GUI thread. */
final class ThreadWork implements Work {
    private final TextGUIThread guiThread;
    private final ExecutorService labThread = Executors.newSingleThreadExecutor(Tui.daemon("boxlab-lab"));
    private final ExecutorService probeThread = Executors.newSingleThreadExecutor(Tui.daemon("boxlab-probe"));
    private volatile Future<?> running;

    ThreadWork(TextGUIThread guiThread) {
        this.guiThread = guiThread;
    }

    @Override
    public void lab(Runnable task) {
        try {
            running = labThread.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void probe(Runnable task) {
        try {
            probeThread.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void gui(Runnable task) {
        try {
            guiThread.invokeLater(task);
        } catch (IllegalStateException e) {
            // the GUI has stopped
        }
    }

    @Override
    public boolean interruptLab() {
        Future<?> f = running;
        return f != null && !f.isDone() && f.cancel(true);
    }

    void shutdown() {
        labThread.shutdownNow();
        probeThread.shutdownNow();
    }
}
