package dev.boxlab.lessons;

import java.util.List;
import java.util.stream.Collectors;

/** A lesson file that cannot be used, with every problem found in it. */
public class LessonFileException extends RuntimeException {
    private final List<LessonError> errors;

    public LessonFileException(List<LessonError> errors) {
        super(errors.stream().map(LessonError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<LessonError> errors() {
        return errors;
    }
}
