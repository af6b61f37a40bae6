-- Parks (园区): the places an investor can settle, each run by a development zone or a district
-- (its unit, which answers questions asked on the park's page). Area and available land are
-- decimal strings in hectares; the location is a decimal latitude and longitude (WGS 84).
CREATE TABLE park (
    id {{pk}},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    lat TEXT NOT NULL,
    lon TEXT NOT NULL,
    area_ha TEXT NOT NULL,
    available_land_ha TEXT NOT NULL,
    -- the unit that takes calls about it (null: the park's own unit) and its phone
    contact_unit_id BIGINT REFERENCES unit (id),
    contact_phone TEXT,
    summary TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    illustrative INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX park_unit_idx ON park (unit_id);

-- A park's leading industries: chain codes, most important first.
CREATE TABLE park_industry (
    park_id BIGINT NOT NULL REFERENCES park (id),
    industry_code TEXT NOT NULL REFERENCES industry (code),
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (park_id, industry_code)
);
CREATE INDEX park_industry_code_idx ON park_industry (industry_code);
