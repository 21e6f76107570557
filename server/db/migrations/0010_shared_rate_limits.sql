-- Request counts per rate-limit key and fixed window, shared by every server instance on one Postgres
-- (plugins/shared-rate-store.ts adds each instance's counts in batches). Counts are disposable: unlogged.
CREATE UNLOGGED TABLE rate_limit_counts (
  key text NOT NULL,
  window_start bigint NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
