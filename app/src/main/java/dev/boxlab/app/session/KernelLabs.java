package dev.boxlab.app.session;

import dev.boxlab.lessons.LabCommands;
import dev.boxlab.lessons.LabSupply;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.LabLimits;

/** Labs on this machine's kernel: the lesson's tools checked first, then a fresh {@link Lab} with the lessons' commands. */
public final class KernelLabs {
    private KernelLabs() {}

    public static LabSupply supply() {
        return supply(LabLimits.NONE);
    }

    /** Labs held to {@code limits} (boxlab serve: one attendee cannot starve the room). */
    public static LabSupply supply(LabLimits limits) {
        return LabSupply.startingWith(lesson -> {
            Host.preflight(lesson.requires());
            return Lab.start(limits, LabCommands.all());
        });
    }
}
