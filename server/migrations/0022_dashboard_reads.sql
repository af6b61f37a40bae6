-- Dashboard reads: the industries module in one grouped read, and auditors reading the lists
-- behind the figures.

-- The industries module reads one dimension grouped by industry instead of one query per chain
-- or section: `industry` rows (value = the project's industry code) in dashboard_total, kept like
-- the others by every project write. Existing databases get them from the `all` rows, which hold
-- the same projects per industry code.
INSERT INTO dashboard_total (dimension, industry, source, month, unit_id, value, projects,
                             investment_cny_cents, investment_usd_cents, funds_cny_cents,
                             funds_usd_cents)
SELECT 'industry', industry, source, month, unit_id, industry, projects, investment_cny_cents,
       investment_usd_cents, funds_cny_cents, funds_usd_cents
FROM dashboard_total WHERE dimension = 'all' AND industry <> '*';

INSERT INTO dashboard_total (dimension, industry, source, month, unit_id, value, projects,
                             investment_cny_cents, investment_usd_cents, funds_cny_cents,
                             funds_usd_cents)
SELECT 'industry', '*', source, month, unit_id, industry, SUM(projects),
       SUM(investment_cny_cents), SUM(investment_usd_cents), SUM(funds_cny_cents),
       SUM(funds_usd_cents)
FROM dashboard_total WHERE dimension = 'all' AND industry <> '*'
GROUP BY source, month, unit_id, industry;

-- Auditors read the dashboards of the whole city, so they read the key-project lists behind the
-- figures too (read only: they still change nothing). A new database gets the same from
-- data/security/roles.json; an existing one here.
UPDATE role SET scope = 'all' WHERE code = 'auditor';
INSERT INTO role_permission (role, permission)
SELECT code, 'dispatch:project:read' FROM role WHERE code = 'auditor'
ON CONFLICT DO NOTHING;
