package dev.boxlab.app.tui;

/**
 * Where work runs. Kernel work (starting labs, the learner's commands) runs on one lab thread, in
 * order; probes (snapshots, checks) on another, so they never wait behind a long command; results
 * come back to the GUI thread. Tests run all three inline.
 */
interface Work {
    /** Runs on the lab thread, after whatever is queued there. */
    void lab(Runnable task);

    /** Runs on the probe thread. */
    void probe(Runnable task);

    /** Runs on the GUI thread. */
    void gui(Runnable task);

    /** Stops the lab thread's current task (the learner's Ctrl-C); false when nothing runs. */
    boolean interruptLab();

    /** Everything inline, in the caller's thread: for tests. */
    static Work inline() {
        return new Work() {
            @Override
            public void lab(Runnable task) {
                task.run();
            }

            @Override
            public void probe(Runnable task) {
                task.run();
            }

            @Override
            public void gui(Runnable task) {
                task.run();
            }

            @Override
            public boolean interruptLab() {
                return false;
            }
        };
    }
}
