package dev.lvsa.runner.ledger;

/** The ledger database failed (disk full, corrupt file, a broken invariant such as a second result for a job). */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerException(String message) {
        super(message);
    }
}
