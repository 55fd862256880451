package dev.boxlab.sandbox;

import java.time.Duration;

/**
 * BOXLAB_TIMEOUT_SCALE (a factor from 1 to 100, default 1) stretches the timeouts that only a slow
 * machine hits: a lab's setup and a lesson's checks. The VM test's guest runs under QEMU's
 * emulation when there is no KVM, many times slower than the machine itself.
 */
public final class Timeouts {
    public static final double SCALE = scale(System.getenv("BOXLAB_TIMEOUT_SCALE"));

    private Timeouts() {}

    static double scale(String env) {
        try {
            double s = env == null ? 1 : Double.parseDouble(env.strip());
            return s >= 1 && s <= 100 ? s : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public static Duration scaled(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * SCALE));
    }
}
