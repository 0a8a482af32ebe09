package io.sluice.driver;

import io.sluice.migrations.config.OnFailure;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gate of one database in this JVM. The first thread to arrive runs it; the others wait up
 * to {@code gateTimeout}. Once open, passing costs one volatile read.
 */
final class Gate {
    private static final System.Logger LOG = System.getLogger("io.sluice");

    enum State {
        CLOSED(0, false), RUNNING(0, false), OPEN(1, true),
        /** Failed with {@code onFailure=serve}: connections reach the old schema. */
        SERVING(-1, true),
        FAILED(-1, false);

        /** The {@code sluice.gate.state} gauge: 0 closed, 1 open, -1 failed. */
        final int gauge;
        final boolean passes;

        State(int gauge, boolean passes) {
            this.gauge = gauge;
            this.passes = passes;
        }
    }

    private final String name;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile State state = State.CLOSED;
    /** The refusal repeated to later connects (FAILED), or the transient one handed to waiters (CLOSED). */
    private volatile SluiceException failure;
    private Thread runner;
    private CountDownLatch done;

    Gate(String name) {
        this.name = name;
    }

    /** For databases Sluice is disabled for ({@code enabled=false}): nothing to wait for. */
    static Gate alwaysOpen() {
        Gate gate = new Gate("disabled");
        gate.state = State.OPEN;
        return gate;
    }

    boolean passes() {
        return state.passes;
    }

    State state() {
        return state;
    }

    int waiting() {
        return waiting.get();
    }

    /** Returns once connections may be handed out; throws the gate's refusal otherwise. */
    void pass(GatedDatabase database) throws SQLException {
        if (state.passes) {
            return;
        }
        CountDownLatch latch;
        boolean mine = false;
        synchronized (this) {
            switch (state) {
                case OPEN:
                case SERVING:
                    return;
                case FAILED:
                    throw failure.repeat();
                case RUNNING:
                    if (runner == Thread.currentThread()) {
                        return; // a Java migration connecting to its own database
                    }
                    latch = done;
                    break;
                default:
                    state = State.RUNNING;
                    runner = Thread.currentThread();
                    done = new CountDownLatch(1);
                    latch = done;
                    mine = true;
            }
        }
        if (mine) {
            run(database, latch);
        } else {
            await(latch, database.settings().duration(Setting.GATE_TIMEOUT));
        }
    }

    private void run(GatedDatabase database, CountDownLatch latch) throws SQLException {
        try {
            database.newRun().run();
            failure = null;
            state = State.OPEN;
        } catch (SluiceException e) {
            failure = e;
            if (e.problem().isTransient()) {
                state = State.CLOSED;
            } else if (database.settings().choice(Setting.ON_FAILURE, OnFailure.class) == OnFailure.SERVE) {
                LOG.log(System.Logger.Level.ERROR, name + ": serving the old schema (" + Setting.ON_FAILURE.assigned(OnFailure.SERVE)
                        + ") after: "
                        + e.getMessage());
                state = State.SERVING;
                return;
            } else {
                state = State.FAILED;
            }
            throw e;
        } catch (RuntimeException | Error e) {
            failure = new SluiceException(Problem.DATABASE_ERROR, name + ": the gate failed: " + e, e);
            state = State.CLOSED;
            throw e;
        } finally {
            synchronized (this) {
                runner = null;
            }
            latch.countDown();
        }
    }

    private void await(CountDownLatch latch, Duration timeout) throws SQLException {
        waiting.incrementAndGet();
        try {
            if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SluiceException(Problem.GATE_TIMEOUT, name + ": waited " + timeout
                        + " at the gate while another thread migrates; raise " + Setting.GATE_TIMEOUT.property()
                        + " or look at that thread's progress in the log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(Problem.GATE_TIMEOUT, name + ": interrupted while waiting at the gate", e);
        } finally {
            waiting.decrementAndGet();
        }
        State after = state;
        if (!after.passes) {
            SluiceException refusal = failure;
            throw refusal != null ? refusal.repeat()
                    : new SluiceException(Problem.GATE_TIMEOUT, name + ": the gate closed again; connect again");
        }
    }
}
