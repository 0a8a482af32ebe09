CREATE TRIGGER loans_audit_insert AFTER INSERT ON loans
BEGIN
    INSERT INTO loan_audit (loan_id, action, note) VALUES (new.id, 'insert', 'begin; end; -- not a comment');
    UPDATE loans SET updated_at = 'now' WHERE id = new.id;
END;

CREATE TRIGGER loans_audit_status AFTER UPDATE OF status ON loans
WHEN old.status <> new.status
BEGIN
    INSERT INTO loan_audit (loan_id, action, note)
    VALUES (new.id,
            CASE new.status WHEN 'closed' THEN 'close' WHEN 'open' THEN 'reopen' ELSE 'change' END,
            old.status || ' -> ' || new.status);
END;

/* A trigger that refuses bad data; BEGIN and END in this comment change nothing. */
CREATE TRIGGER loans_positive BEFORE INSERT ON loans
BEGIN
    SELECT CASE WHEN new.amount <= 0 THEN RAISE(ABORT, 'amount must be positive') END;
END;

INSERT INTO loans (amount) VALUES (100);
UPDATE loans SET status = 'closed' WHERE id = 1;
