CREATE TABLE loans (
    id BIGSERIAL PRIMARY KEY,
    amount NUMERIC(12, 2) NOT NULL,
    interest NUMERIC(12, 2),
    updated_at TIMESTAMPTZ
);

CREATE FUNCTION loan_interest(amount NUMERIC) RETURNS NUMERIC
    LANGUAGE plpgsql IMMUTABLE AS $body$
DECLARE
    rate NUMERIC := 0.05; -- a comment with a ; semicolon
BEGIN
    -- '$$' and $fn$ inside this body are just text
    RETURN round(amount * rate, 2);
END;
$body$;

CREATE FUNCTION touch_loan() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    NEW.updated_at := now();
    NEW.interest := loan_interest(NEW.amount);
    EXECUTE $sql$SELECT 'nested; quoted'$sql$;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER loans_touch BEFORE INSERT OR UPDATE ON loans
    FOR EACH ROW EXECUTE FUNCTION touch_loan();

INSERT INTO loans (amount) VALUES (100), (250.50);
