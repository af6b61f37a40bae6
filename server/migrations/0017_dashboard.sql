-- Leaders' dashboards: aggregates kept up to date in the transaction of every key-project write,
-- so that the six modules read a few hundred rows at a million projects. Amounts are whole
-- hundredths (fen or cents) so that SQL can add them; a recomputation from the base tables must
-- give the same rows (server/tests/dashboard_aggregates_test.cpp).

-- The campaign (攻势, data/cities/<city>/dashboard.json) a project belongs to, if any.
ALTER TABLE project ADD COLUMN campaign_code TEXT;
-- The stage a project was registered at: the first entry of its stage flow.
ALTER TABLE project ADD COLUMN registered_stage TEXT;
UPDATE project SET registered_stage = COALESCE(
    (SELECT u.stage_from FROM project_update u
     WHERE u.project_id = project.id AND u.stage_from IS NOT NULL ORDER BY u.id LIMIT 1),
    stage);
CREATE INDEX project_created_idx ON project (created_at);
CREATE INDEX project_update_stage_idx ON project_update (project_id, stage_to);

-- Current projects (not merged) by the month they were registered (China time) and their
-- undertaking unit, under one dimension: `all` (value ''), `stage`, `campaign`, `event`,
-- `task_force` or `signed_large` (signed or later and at least the threshold, value '').
-- Each project is counted four times: with its industry and dashboard source, and with '*' in
-- either or both, so that a filtered figure is a lookup rather than a scan.
CREATE TABLE dashboard_total (
    dimension TEXT NOT NULL,
    industry TEXT NOT NULL,
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    value TEXT NOT NULL,
    projects BIGINT NOT NULL,
    investment_cny_cents BIGINT NOT NULL,
    investment_usd_cents BIGINT NOT NULL,
    funds_cny_cents BIGINT NOT NULL,
    funds_usd_cents BIGINT NOT NULL,
    PRIMARY KEY (dimension, industry, source, month, unit_id, value)
);

-- The first time each current project entered each stage (registration counts as entering its
-- registered stage from ''), by the month of the change (China time), the undertaking unit and
-- the stage it came from; rolled up over industry and source like dashboard_total.
CREATE TABLE dashboard_stage_flow (
    industry TEXT NOT NULL,
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    projects BIGINT NOT NULL,
    investment_cny_cents BIGINT NOT NULL,
    investment_usd_cents BIGINT NOT NULL,
    PRIMARY KEY (industry, source, month, unit_id, from_stage, to_stage)
);

-- Monthly figures the bureau enters per district: foreign capital used (USD), domestic capital
-- used (CNY), imports and exports (CNY). Decimal strings.
CREATE TABLE indicator_figure (
    month TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    indicator TEXT NOT NULL CHECK (indicator IN ('foreign_capital_used', 'domestic_capital_used',
                                                 'trade_import', 'trade_export')),
    value TEXT NOT NULL,
    illustrative INTEGER NOT NULL DEFAULT 0,
    updated_by BIGINT REFERENCES user_account (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (month, unit_id, indicator)
);
