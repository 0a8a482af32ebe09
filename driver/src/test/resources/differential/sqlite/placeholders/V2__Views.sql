CREATE VIEW ${prefix}_loan_view AS SELECT id, amount, '${flyway:filename}' AS source FROM ${prefix}_loans WHERE currency = '${currency}';
ALTER TABLE ${prefix}_loans ADD COLUMN region TEXT NOT NULL DEFAULT '${prefix}-${currency}';
