DROP TRIGGER loans_audit_insert;

CREATE TRIGGER loans_audit_insert AFTER INSERT ON loans
BEGIN
    INSERT INTO loan_audit (loan_id, action) VALUES (new.id, 'created');
END;

CREATE TRIGGER IF NOT EXISTS loans_audit_delete AFTER DELETE ON loans
BEGIN
    INSERT INTO loan_audit (loan_id, action) VALUES (old.id, 'delete');
END;

INSERT INTO loans (amount) VALUES (250);
