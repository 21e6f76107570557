-- A device's sync identity belongs to its user: (user, client id) is the key, so one user can never take
-- another's client id (a push with a client id another user already used simply starts its own cursor).
ALTER TABLE sync_rejections ADD COLUMN user_id uuid;
UPDATE sync_rejections r SET user_id = c.user_id FROM sync_clients c WHERE c.client_id = r.client_id;
ALTER TABLE sync_rejections DROP CONSTRAINT sync_rejections_client_id_fkey;
ALTER TABLE sync_rejections DROP CONSTRAINT sync_rejections_pkey;
ALTER TABLE sync_clients DROP CONSTRAINT sync_clients_pkey;
ALTER TABLE sync_clients ADD PRIMARY KEY (user_id, client_id);
ALTER TABLE sync_rejections ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE sync_rejections ADD PRIMARY KEY (user_id, client_id, mutation_id);
ALTER TABLE sync_rejections ADD FOREIGN KEY (user_id, client_id) REFERENCES sync_clients (user_id, client_id) ON DELETE CASCADE;
