package dev.boxlab.app.tui;

import java.util.concurrent.TimeUnit;

import dev.boxlab.app.session.View;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.lessons.LessonSession.LabStatus;
import dev.boxlab.sandbox.LabPort;

/**
 * The kernel's events of the session's lab ({@link LabPort#watch}: netlink, for links, addresses,
 * routes and forwarding) tell the screen that the network changed, so the state pane and the checks
 * follow changes no command hook reports (a background job, a command still running) without a
 * poll. Events during the session's own commands are left out: those read the state after each
 * command anyway. Each fresh lab gets a watch of its own; a lab's end ends its watch.
 */
final class LabWatch implements LessonSession.Listener {
    private final LessonSession session;
    private final Runnable onChange;
    private volatile LabPort.Watch watch = LabPort.Watch.NONE;
    /** When a command, a step or a lab last happened (System.nanoTime). */
    private volatile long lastEvent = System.nanoTime();

    /** After this long with no command, step or lab, the screen's timer polls only every {@link #safetyTicks()}th tick. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The safety poll: every 20th tick (30 s) when the kernel tells nothing, every 40th (60 s) while it tells the network's changes. */
    static final int SAFETY_TICKS = 20;
    static final int SAFETY_TICKS_WITH_EVENTS = 40;

    LabWatch(LessonSession session, Runnable onChange) {
        this.session = session;
        this.onChange = onChange;
    }

    /** Whether the lab now in use tells its network's changes (else the screen polls them). */
    boolean live() {
        return watch.live();
    }

    /** The timer's safety poll, in ticks. */
    int safetyTicks() {
        return live() ? SAFETY_TICKS_WITH_EVENTS : SAFETY_TICKS;
    }

    /** A command, a step or a lab happened: the timer polls every tick for a while, for what it set going. */
    void happened() {
        lastEvent = System.nanoTime();
    }

    /**
     * Whether the timer leaves {@code shown} to events and the safety poll: a while after the last
     * command, step or lab, and the network view at once while the kernel tells its changes.
     */
    boolean calm(View shown) {
        return System.nanoTime() - lastEvent > QUIET_NANOS || live() && shown == View.NETWORK;
    }

    @Override
    public synchronized void labReady(double seconds) {
        stop();
        LabPort lab = session.lab();
        if (lab == null) {
            return;
        }
        try {
            watch = lab.watch(this::changed);
        } catch (RuntimeException e) {
            // no events from this lab: the screen's timer polls
        }
    }

    @Override
    public synchronized void labFailed(RuntimeException why) {
        stop();
    }

    private void changed() {
        if (session.status() == LabStatus.READY) {
            onChange.run();
        }
    }

    private void stop() {
        LabPort.Watch w = watch;
        watch = LabPort.Watch.NONE;
        w.close();
    }
}
