-- Issue 10: sign-ins are throttled per account and per client address. The counters live here, not in
-- memory, so every instance behind a load balancer sees the same ones.
CREATE TABLE login_attempts (
  -- 'account:' + SHA-256 of the lower-cased email (no address book in this table), or 'ip:' + the client address.
  subject text PRIMARY KEY,
  attempts integer NOT NULL CHECK (attempts >= 0),
  window_started_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_window_idx ON login_attempts (window_started_at);

-- Every authenticated request asks whether its sign-in (refresh-token family) is still live.
CREATE INDEX refresh_tokens_live_family_idx ON refresh_tokens (family_id) WHERE revoked_at IS NULL;

-- Sign-in answers were stored under Idempotency-Key before this fix: plain-text token pairs. Drop them.
DELETE FROM idempotency_keys WHERE response_body LIKE '%"refresh_token"%';
