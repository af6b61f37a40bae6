-- Parks are archived, never deleted: questions, FAQs and audit entries keep pointing at them. An
-- archived park leaves the portal; its unit and the bureau still see it in the console.
ALTER TABLE park ADD COLUMN archived_at TEXT;
