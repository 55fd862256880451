package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BOXLAB_TIMEOUT_SCALE: a factor from 1 to 100 for check timeouts, anything else means 1. */
class LessonRunnerTimeoutTest {
    @Test
    void theScaleIsAFactorFromOneToAHundredAndOneOtherwise() {
        assertEquals(1, LessonRunner.timeoutScale(null));
        assertEquals(5, LessonRunner.timeoutScale("5"));
        assertEquals(2.5, LessonRunner.timeoutScale(" 2.5 "));
        assertEquals(1, LessonRunner.timeoutScale("0.1"));
        assertEquals(1, LessonRunner.timeoutScale("1000"));
        assertEquals(1, LessonRunner.timeoutScale("slow"));
    }
}
