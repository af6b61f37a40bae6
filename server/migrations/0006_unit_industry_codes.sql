-- The 10+1 chain codes a district or zone leads in, most important first: what intake routing
-- matches an intent's industry against.
ALTER TABLE unit ADD COLUMN industry_codes TEXT NOT NULL DEFAULT '[]';
