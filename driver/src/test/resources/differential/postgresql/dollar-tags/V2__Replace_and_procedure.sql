CREATE OR REPLACE FUNCTION loan_interest(amount NUMERIC) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 0.07, 2) $$;

CREATE PROCEDURE close_loans(limit_amount NUMERIC)
LANGUAGE plpgsql AS $proc$
BEGIN
    UPDATE loans SET interest = 0 WHERE amount < limit_amount;
END;
$proc$;

CALL close_loans(150);

CREATE FUNCTION loans_audit() RETURNS trigger LANGUAGE plpgsql AS $AuditBody$
BEGIN
    RAISE NOTICE 'loan % changed', NEW.id;
    RETURN NULL;
END
$AuditBody$;

CREATE TRIGGER loans_audit AFTER UPDATE OF amount ON loans
    FOR EACH ROW WHEN (OLD.amount IS DISTINCT FROM NEW.amount) EXECUTE FUNCTION loans_audit();
