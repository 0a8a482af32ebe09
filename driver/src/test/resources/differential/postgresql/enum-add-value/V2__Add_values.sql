ALTER TYPE loan_status ADD VALUE 'defaulted';
ALTER TYPE loan_status ADD VALUE IF NOT EXISTS 'defaulted';
ALTER TYPE loan_status ADD VALUE 'approved' BEFORE 'open';
ALTER TYPE currency ADD VALUE IF NOT EXISTS 'GBP' AFTER 'EUR';
