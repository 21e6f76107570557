-- Versions are handed out in change-log id order. The first stamp_changes numbered rows with nextval()
-- inside UPDATE … FROM, whose join order Postgres is free to choose: two changes of one lead stamped in
-- the same batch could get their versions swapped, and a device applying the page in version order kept
-- the older state (found by the three-device property test). Each row's changes are inserted in commit
-- order (a later writer waits for the earlier one's row lock), so id order is the order to keep.
CREATE OR REPLACE FUNCTION stamp_changes() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  first_version bigint;
  stamped bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('change_log_stamp'));
  IF EXISTS (SELECT 1 FROM change_log WHERE version IS NULL) THEN
    -- One statement, one snapshot: the rows numbered are exactly the rows counted, whatever commits meanwhile.
    first_version := nextval('change_log_version_seq');
    UPDATE change_log c SET version = first_version + p.n - 1
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM change_log WHERE version IS NULL) p
    WHERE c.id = p.id;
    GET DIAGNOSTICS stamped = ROW_COUNT;
    -- The block first_version .. first_version + stamped - 1 is taken (an empty block leaves a harmless gap).
    IF stamped > 1 THEN PERFORM setval('change_log_version_seq', first_version + stamped - 1); END IF;
  END IF;
  RETURN (SELECT last_value FROM change_log_version_seq);
END $$;
