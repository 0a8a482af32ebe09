CREATE TABLE "LoanSplit" (
    "Id" BIGSERIAL PRIMARY KEY,
    "borrowerId" BIGINT NOT NULL,
    "SharePercent" NUMERIC(5, 2) NOT NULL,
    "order" INT
);
-- Unquoted names fold to lower case: this is another table.
CREATE TABLE LoanSplit (id BIGSERIAL PRIMARY KEY, note TEXT);
CREATE INDEX "IX_LoanSplit_BorrowerId" ON "LoanSplit" ("borrowerId");
CREATE INDEX ix_loansplit_borrowerid ON LoanSplit (note);
CREATE VIEW "LoanSplitView" AS SELECT "Id", "SharePercent" FROM "LoanSplit";
CREATE FUNCTION "SplitCount"() RETURNS BIGINT LANGUAGE sql AS $$ SELECT count(*) FROM "LoanSplit" $$;
CREATE TYPE "SplitKind" AS ENUM ('Even', 'Weighted');
