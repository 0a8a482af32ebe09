ALTER TABLE "LoanSplit" ADD COLUMN "Note;With;Semicolons" TEXT DEFAULT 'a;b';
ALTER TABLE "LoanSplit" RENAME COLUMN [order] TO "Position";
DROP INDEX "IX_LoanSplit_BorrowerId";
CREATE INDEX "IX_LoanSplit_BorrowerId" ON "LoanSplit" ("borrowerId", "Position");
DROP VIEW "Loan Split View";
CREATE VIEW "Loan Split View" AS SELECT "Id" AS "Split ""Id""" FROM "LoanSplit";
ALTER TABLE "LoanSplit" RENAME TO "Loan Split";
