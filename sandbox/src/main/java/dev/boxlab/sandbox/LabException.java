package dev.boxlab.sandbox;

/**
 * A problem a person can act on: what went wrong, where, and what to do about it.
 * boxlab prints its message and exits; it never shows a stack trace for one of these.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
