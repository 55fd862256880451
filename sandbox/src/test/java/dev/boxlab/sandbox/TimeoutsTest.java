package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BOXLAB_TIMEOUT_SCALE: a factor from 1 to 100 for the slow-machine timeouts, anything else means 1. */
class TimeoutsTest {
    @Test
    void theScaleIsAFactorFromOneToAHundredAndOneOtherwise() {
        assertEquals(1, Timeouts.scale(null));
        assertEquals(5, Timeouts.scale("5"));
        assertEquals(2.5, Timeouts.scale(" 2.5 "));
        assertEquals(1, Timeouts.scale("0.1"));
        assertEquals(1, Timeouts.scale("1000"));
        assertEquals(1, Timeouts.scale("slow"));
    }
}
