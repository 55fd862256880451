package dev.boxlab.lessons;

/** One problem in a lesson file, at a line and column (both counted from 1). */
public record LessonError(String file, int line, int column, String message) implements Comparable<LessonError> {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(LessonError o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
