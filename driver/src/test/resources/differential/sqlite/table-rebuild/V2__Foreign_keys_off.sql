-- The rebuilds below copy rows between tables; keep foreign keys out of the way.
-- Flyway runs a script made only of this pragma outside a transaction.
PRAGMA foreign_keys = OFF;
