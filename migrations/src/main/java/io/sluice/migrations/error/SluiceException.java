package io.sluice.migrations.error;

import io.sluice.migrations.run.GateReport;

import java.sql.SQLException;

/**
 * A refusal of the gate or of a setting: a {@link Problem}, its SQLState, a message that says
 * what, where and what next (never a credential), and the report of what the gate did before.
 */
public final class SluiceException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final transient GateReport report;

    public SluiceException(Problem problem, String message) {
        this(problem, message, null, null);
    }

    public SluiceException(Problem problem, String message, Throwable cause) {
        this(problem, message, cause, null);
    }

    public SluiceException(Problem problem, String message, Throwable cause, GateReport report) {
        super(message, problem.sqlState().code(), cause);
        this.problem = problem;
        this.report = report;
    }

    public Problem problem() {
        return problem;
    }

    /** What the gate did before it refused; null when the refusal came before the gate ran. */
    public GateReport report() {
        return report;
    }

    public SluiceException withReport(GateReport gateReport) {
        SluiceException copy = new SluiceException(problem, getMessage(), getCause(), gateReport);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** A fresh exception with the same problem and message, thrown again by every later connect. */
    public SluiceException repeat() {
        return new SluiceException(problem, getMessage(), this, report);
    }
}
