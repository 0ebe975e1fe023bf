package io.cutover;

/**
 * The one unchecked root of cutover's errors. Its message is written for a person and is API:
 * tests assert it. The {@link ErrorCode} decides the process exit code.
 */
public class CutoverException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public CutoverException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CutoverException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What this error means for the exit code. */
    public ErrorCode code() {
        return code;
    }
}
