-- Reference data shared by every domain: the unit tree, industries, stages, procedure types and
-- the working calendar. Loaded from data/cities/<city>/ when the database is new.

CREATE TABLE unit (
    id {{pk}},
    unit_key TEXT NOT NULL UNIQUE,
    parent_id BIGINT REFERENCES unit (id),
    code TEXT UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('city', 'district', 'zone', 'department', 'task_force',
                                       'bureau', 'agency', 'desk')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    phone TEXT,
    leading_industries TEXT NOT NULL DEFAULT '[]',
    leading_industries_en TEXT NOT NULL DEFAULT '[]',
    chain_code TEXT,
    league TEXT,
    illustrative INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX unit_parent_idx ON unit (parent_id);

CREATE TABLE industry (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('chain', 'section')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    group_code TEXT,
    sort_order INTEGER NOT NULL
);

CREATE TABLE stage (
    code TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    landed INTEGER NOT NULL
);

CREATE TABLE procedure_type (
    code TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    phase TEXT NOT NULL,
    position INTEGER NOT NULL,
    illustrative INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE calendar_day (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY,
    source TEXT NOT NULL
);

CREATE TABLE working_period (
    id {{pk}},
    starts TEXT NOT NULL,
    ends TEXT NOT NULL
);

CREATE TABLE reference_dataset (
    city TEXT PRIMARY KEY,
    loaded_at TEXT NOT NULL
);
