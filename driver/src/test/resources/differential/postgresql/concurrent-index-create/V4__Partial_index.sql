create index concurrently loans_open_idx on loans (created_at) where status = 'open';
