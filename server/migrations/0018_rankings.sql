-- Rankings of units (排名, 红黑榜): the bureau's configuration, kept as versions, and the
-- published snapshots. A snapshot carries its own copy of the configuration (formula, weights,
-- thresholds, leagues) and the inputs it was computed from, so it can be recomputed and
-- compared later; nothing updates or deletes a snapshot.
CREATE TABLE ranking_config (
    id {{pk}},
    version INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES user_account (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE ranking_snapshot (
    id {{pk}},
    period TEXT NOT NULL,
    config_version INTEGER NOT NULL,
    config TEXT NOT NULL,
    inputs TEXT NOT NULL,
    results TEXT NOT NULL,
    -- the snapshot of the same period this one replaced (both are kept; the newest is current)
    supersedes_id BIGINT REFERENCES ranking_snapshot (id),
    published_by BIGINT NOT NULL REFERENCES user_account (id),
    published_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ranking_snapshot_period_idx ON ranking_snapshot (period, id);

-- The ranking's inputs are read per period: these keep each read bounded by the period.
CREATE INDEX project_created_unit_idx ON project (created_at, undertaking_unit_id);
CREATE INDEX intent_created_idx ON intent (created_at);
CREATE INDEX dispatch_round_opened_idx ON dispatch_round (opened_at);
CREATE INDEX supervision_ticket_closed_idx ON supervision_ticket (state, closed_at);
