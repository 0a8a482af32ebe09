package io.sluice.migrations.plan;

/**
 * What a catalog knows of one object: absent, present (with its shape when the catalog has it),
 * or unknown. The live catalog is never unknown; the planner's model is unknown for anything a
 * statement it does not model may have touched.
 *
 * @param <T> the object's shape: {@link TableShape}, {@link IndexShape}, or its name for views and triggers
 */
public final class Lookup<T> {
    private enum State { ABSENT, PRESENT, UNKNOWN }

    private static final Lookup<Object> ABSENT = new Lookup<>(State.ABSENT, null, null);

    private final State state;
    private final T shape;
    private final String why;

    private Lookup(State state, T shape, String why) {
        this.state = state;
        this.shape = shape;
        this.why = why;
    }

    @SuppressWarnings("unchecked")
    public static <T> Lookup<T> absent() {
        return (Lookup<T>) ABSENT;
    }

    /** @param shape null when the object is there but its shape is not known */
    public static <T> Lookup<T> present(T shape) {
        return new Lookup<>(State.PRESENT, shape, null);
    }

    /** Present when {@code shape} is not null, else absent. */
    public static <T> Lookup<T> ofNullable(T shape) {
        return shape == null ? absent() : present(shape);
    }

    /** @param why what made it unknown: "V3__x.sql line 4 (a DO block) may have changed it" */
    public static <T> Lookup<T> unknown(String why) {
        return new Lookup<>(State.UNKNOWN, null, why);
    }

    public boolean isAbsent() {
        return state == State.ABSENT;
    }

    public boolean isPresent() {
        return state == State.PRESENT;
    }

    public boolean isUnknown() {
        return state == State.UNKNOWN;
    }

    /** The shape of a present object; null when absent, unknown, or present without a known shape. */
    public T shape() {
        return shape;
    }

    /** Why an unknown object is unknown. */
    public String why() {
        return why;
    }
}
