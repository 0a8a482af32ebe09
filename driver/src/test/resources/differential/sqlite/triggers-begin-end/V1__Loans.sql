CREATE TABLE loans (
    id INTEGER PRIMARY KEY,
    amount INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    updated_at TEXT
);

CREATE TABLE loan_audit (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    note TEXT
);
