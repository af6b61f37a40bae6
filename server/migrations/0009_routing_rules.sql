-- Routing rules tuned by the commerce bureau in the console. Every save is a new version; the
-- newest one routes new intents. Without a saved version the city's shipped defaults
-- (data/cities/<city>/routing.json) apply.
CREATE TABLE routing_rule_version (
    id {{pk}},
    version INTEGER NOT NULL UNIQUE,
    rules TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
