CREATE VIEW ${prefix}_loan_view AS
    SELECT id, amount, '${flyway:filename}' AS source FROM ${prefix}_loans WHERE currency = '${currency}';
CREATE FUNCTION ${prefix}_label(amount NUMERIC) RETURNS TEXT LANGUAGE sql AS $fn$ SELECT amount || ' ${currency}' $fn$;
