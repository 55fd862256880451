package dev.boxlab.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every command a lab ran on the learner's behalf, in order, with its output and exit code. */
public final class Transcript {
    public record Entry(Instant at, String source, CommandResult result) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();

    public void add(String source, CommandResult result) {
        Entry e = new Entry(Instant.now(), source, result);
        synchronized (entries) {
            entries.add(e);
        }
        for (Consumer<Entry> l : listeners) {
            l.accept(e);
        }
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public void onEntry(Consumer<Entry> listener) {
        listeners.add(listener);
    }
}
