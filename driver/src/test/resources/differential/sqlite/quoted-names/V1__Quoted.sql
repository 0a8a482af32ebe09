CREATE TABLE "LoanSplit" (
    "Id" INTEGER PRIMARY KEY,
    "borrowerId" INTEGER NOT NULL,
    "Share Percent" REAL NOT NULL,
    [order] INTEGER,
    `group` TEXT
);
-- A different table: unquoted names are not case-folded by SQLite, but compared without case.
CREATE TABLE loan_split_history ("LoanSplit" INTEGER, "when" TEXT);
CREATE INDEX "IX_LoanSplit_BorrowerId" ON "LoanSplit" ("borrowerId");
CREATE VIEW "Loan Split View" AS SELECT "Id", "Share Percent" FROM "LoanSplit";
