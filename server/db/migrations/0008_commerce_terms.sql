-- Issue 10: an order's terms come from the package (or the accepted offer), the platform's fee from the
-- platform, an unfunded order's hold on a unit expires, and the category an order was judged on is kept.

-- The cancellation policy is part of a package's terms (and so of every version an offer is made on).
ALTER TABLE sponsorship_packages
  ADD COLUMN cancellation_window_days integer NOT NULL DEFAULT 14 CHECK (cancellation_window_days BETWEEN 0 AND 365),
  ADD COLUMN cancellation_penalty_pct numeric(5, 4) NOT NULL DEFAULT 0.1 CHECK (cancellation_penalty_pct BETWEEN 0 AND 1);

-- hold_expires_at: until when an unfunded order holds its unit; the sweep releases it afterwards.
-- sponsor_category: the sponsor's category when the order was judged (allow-lists, exclusivity).
ALTER TABLE sponsorship_orders
  ADD COLUMN hold_expires_at timestamptz,
  ADD COLUMN sponsor_category text CHECK (sponsor_category IS NULL OR length(sponsor_category) BETWEEN 1 AND 100);
UPDATE sponsorship_orders o SET sponsor_category = s.category FROM sponsors s WHERE s.id = o.sponsor_id;
-- Orders left unfunded before holds existed get one full hold from now, not an instant release.
UPDATE sponsorship_orders SET hold_expires_at = now() + interval '60 minutes' WHERE escrow_state = 'pending';
CREATE INDEX sponsorship_orders_hold_idx ON sponsorship_orders (hold_expires_at) WHERE escrow_state = 'pending';

-- Funded orders keep the fee they were funded with; the organizer-chosen setting itself goes away.
UPDATE sponsorship_orders o SET platform_fee_percentage = c.platform_fee_percentage
  FROM payout_configurations c WHERE c.org_id = o.org_id AND o.platform_fee_percentage IS NULL AND o.escrow_state <> 'pending';
ALTER TABLE payout_configurations DROP COLUMN platform_fee_percentage;

-- Platform administrators: set by ops in SQL only (UPDATE users SET is_platform_admin = true WHERE ...), never
-- through the API, and not by email (sign-up does not verify addresses, so an email list could be claimed).
ALTER TABLE users ADD COLUMN is_platform_admin boolean NOT NULL DEFAULT false;

-- The platform's fee for one organization, when it is not PLATFORM_FEE_PERCENTAGE: set by a platform
-- administrator only. No grant to yardpass_app: tenant-scoped transactions cannot read or write it.
CREATE TABLE platform_fee_overrides (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  platform_fee_percentage numeric(7, 6) NOT NULL CHECK (platform_fee_percentage >= 0 AND platform_fee_percentage < 1),
  set_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
