package dev.boxlab.app.session;

import java.util.function.Consumer;

/**
 * Types text out a character at a time at a pace people can follow on a projector: a steady
 * rhythm, a beat longer after a space or a pipe, so the eye can keep up with the words.
 */
public final class Typist {
    /** Sleeps; a test passes one that records instead. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Characters per second at speed 1. */
    static final double BASE_RATE = 22;

    private final double speed;
    private final Sleeper sleeper;

    public Typist(double speed, Sleeper sleeper) {
        if (!(speed > 0) || speed > 100) {
            throw new IllegalArgumentException("speed must be above 0 and at most 100, got " + speed);
        }
        this.speed = speed;
        this.sleeper = sleeper;
    }

    public Typist(double speed) {
        this(speed, Thread::sleep);
    }

    /** The pause after a character, in milliseconds. */
    long pauseAfter(char c) {
        double base = 1000 / (BASE_RATE * speed);
        double factor = switch (c) {
            case ' ' -> 2.0;
            case '|', ';', '&', '>' -> 3.0;
            case '\n' -> 6.0;
            default -> 1.0;
        };
        return Math.round(base * factor);
    }

    /** Types {@code text} into {@code sink}; returns early (typing the rest at once) if interrupted. */
    public void type(String text, Consumer<String> sink) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sink.accept(String.valueOf(c));
            try {
                sleeper.sleep(pauseAfter(c));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.accept(text.substring(i + 1));
                return;
            }
        }
    }
}
