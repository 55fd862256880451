package dev.boxlab.app;

import java.io.PrintWriter;

import dev.boxlab.lessons.LessonFileException;
import dev.boxlab.lessons.LessonRunner.StepFailedException;
import dev.boxlab.sandbox.LabException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what went wrong into words and an exit code; a stack trace only with BOXLAB_DEBUG=1. */
final class Errors implements IExecutionExceptionHandler {
    static final int CHECK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int ENVIRONMENT = 3;
    static final int INTERNAL = 70;

    private final PrintWriter err;

    Errors(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        return report(e, err);
    }

    static int report(Throwable e, PrintWriter err) {
        if (e instanceof LessonFileException lf) {
            err.println("boxlab: the lesson file has problems:");
            lf.errors().forEach(x -> err.println("  " + x));
            err.flush();
            return BAD_INPUT;
        }
        int code = e instanceof UsageProblem ? BAD_INPUT
                : e instanceof StepFailedException ? CHECK_FAILED
                : e instanceof LabException ? ENVIRONMENT
                : INTERNAL;
        if (code != INTERNAL) {
            err.println("boxlab: " + e.getMessage());
            err.flush();
            return code;
        }
        err.println("boxlab: internal error: " + e);
        if (System.getenv("BOXLAB_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(run with BOXLAB_DEBUG=1 to see where)");
        }
        err.flush();
        return INTERNAL;
    }

    /** Bad input on the command line: an unknown lesson or step. */
    static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message);
        }
    }
}
