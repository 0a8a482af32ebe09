ALTER TABLE "LoanSplit" ADD COLUMN "Kind" "SplitKind" NOT NULL DEFAULT 'Even';
ALTER TABLE "LoanSplit" ADD COLUMN "Note;With;Semicolons" TEXT DEFAULT 'a;b';
ALTER TABLE "LoanSplit" RENAME COLUMN "order" TO "Position";
DROP INDEX "IX_LoanSplit_BorrowerId";
CREATE INDEX "IX_LoanSplit_BorrowerId" ON "LoanSplit" ("borrowerId", "Position");
DROP TABLE loansplit;
CREATE TABLE "loansplit" (id BIGINT, "Id" BIGINT);
ALTER TABLE "LoanSplit" RENAME TO "Loan Split";
CREATE OR REPLACE VIEW "LoanSplitView" AS SELECT "Id", "SharePercent", "Kind" FROM "Loan Split";
