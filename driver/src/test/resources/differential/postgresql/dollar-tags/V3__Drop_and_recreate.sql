DROP TRIGGER loans_touch ON loans;
DROP FUNCTION touch_loan();
CREATE FUNCTION touch_loan() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $fn$;
CREATE TRIGGER loans_touch BEFORE UPDATE ON loans FOR EACH ROW EXECUTE FUNCTION touch_loan();
