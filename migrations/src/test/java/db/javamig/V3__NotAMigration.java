package db.javamig;

/** Named like a migration but not a {@code JavaMigration}: the resolver must ignore it. */
public class V3__NotAMigration {
}
