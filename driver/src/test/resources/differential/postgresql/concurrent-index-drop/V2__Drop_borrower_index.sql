DROP INDEX CONCURRENTLY loans_borrower_idx;
