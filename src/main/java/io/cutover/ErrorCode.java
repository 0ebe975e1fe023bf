package io.cutover;

/**
 * The exit codes of {@code cli.md}; every {@link CutoverException} carries one.
 */
public enum ErrorCode {
    /** Done: valid, completed, printed. */
    OK(0),
    /** The run failed and was rolled back, or stopped as the plan said. */
    FAILED(1),
    /** Bad input: invalid plan, wrong option, missing file, drift. Nothing was touched. */
    BAD_INPUT(2),
    /** Refused to start or to go on: window, lock, checklist, approval timeout. */
    REFUSED(3),
    /** The run failed and its rollback failed too: manual action needed. */
    ROLLBACK_FAILED(4);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this outcome. */
    public int exitCode() {
        return exitCode;
    }
}
