-- The indicator tables of `scrutineer indicators --areas from-data`, as the canonical CSV of
-- bench/compare.sh (one line per area and indicator, no header):
--
--   level,force,area_name,indicator,period_end,last_12_months,long_term_average,difference,status
--
-- from a relation crimes(month, force, lsoa_name, crime_type) with one row per police.uk
-- street-level row: the Month column ('YYYY-MM'), the Falls within column, the LSOA name ('' when
-- the row has no location) and the Crime type. DuckDB (duckdb.mjs, with SET integer_division =
-- true, so that / on integers divides as in SQLite) and SQLite (sqlite.sh) run this same text,
-- so it keeps to functions both have. Every figure is an integer until it is printed: the
-- rounding cannot differ by floating point.
WITH
-- 1. The only pass over the rows: rows per force, month, LSOA and crime type.
per_lsoa AS (
    SELECT force, month, lsoa_name, crime_type, count(*) AS n
    FROM crimes
    GROUP BY force, month, lsoa_name, crime_type
),
-- 2. The district is the LSOA name without its last word ("East Elythorpe 013B" -> "East
--    Elythorpe"), the whole name if it has no space. rtrim(name, <the name's non-space
--    characters>) strips the last word, so its length is the position of the last space.
--    No location ('') is counted for the force only. The month becomes a number,
--    year * 12 + month - 1, for the windows.
per_district AS (
    SELECT force,
           CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1
               AS k,
           CASE WHEN instr(lsoa_name, ' ') = 0 THEN lsoa_name
                ELSE substr(lsoa_name, 1,
                            length(rtrim(lsoa_name, replace(lsoa_name, ' ', ''))) - 1)
           END AS district,
           crime_type, n
    FROM per_lsoa
),
-- 3. The period ends at the latest month of any force, for every force.
period AS (
    SELECT max(k) AS p FROM per_district
),
-- 4. A month is in a force's data if any of its rows has it; then every area of the force and
--    every crime type has a value that month (zero if nothing was counted). A month missing is
--    missing for all of them, and a window with a missing month cannot be computed:
--    Last 12 months (L12) needs the months p-11 .. p, the Long Term Average (LTA) the 36
--    months before them, p-47 .. p-12.
force_months AS (
    SELECT force,
           sum(CASE WHEN k BETWEEN p - 11 AND p THEN 1 ELSE 0 END) AS l12_months,
           sum(CASE WHEN k BETWEEN p - 47 AND p - 12 THEN 1 ELSE 0 END) AS lta_months
    FROM (SELECT DISTINCT force, k FROM per_district) AS m, period
    GROUP BY force
),
-- 5. The areas: every force (district '') and, as a district OF THAT FORCE, every place its
--    rows name. A place named by two forces' rows is a district of each, counting each
--    force's rows only.
areas AS (
    SELECT DISTINCT force, district FROM per_district WHERE district <> ''
    UNION
    SELECT DISTINCT force, '' FROM per_district
),
-- 6. The indicators: every crime type in the data, of any force, and All crime.
indicators AS (
    SELECT DISTINCT crime_type AS indicator FROM per_district
    UNION
    SELECT 'All crime'
),
-- 7. The two window sums per force, district and crime type.
windowed AS (
    SELECT force, district, crime_type,
           CAST(sum(CASE WHEN k BETWEEN p - 11 AND p THEN n ELSE 0 END) AS BIGINT) AS l12,
           CAST(sum(CASE WHEN k BETWEEN p - 47 AND p - 12 THEN n ELSE 0 END) AS BIGINT) AS s36
    FROM per_district, period
    GROUP BY force, district, crime_type
),
-- 8. Per area: a district's own rows; a force's = all its rows, those without a location too.
by_area AS (
    SELECT force, district AS area, crime_type AS indicator, l12, s36
    FROM windowed WHERE district <> ''
    UNION ALL
    SELECT force, '', crime_type, CAST(sum(l12) AS BIGINT), CAST(sum(s36) AS BIGINT)
    FROM windowed GROUP BY force, crime_type
),
-- 9. All crime = every crime type except Anti-social behaviour.
with_all AS (
    SELECT force, area, indicator, l12, s36 FROM by_area
    UNION ALL
    SELECT force, area, 'All crime', CAST(sum(l12) AS BIGINT), CAST(sum(s36) AS BIGINT)
    FROM by_area WHERE indicator <> 'Anti-social behaviour'
    GROUP BY force, area
),
-- 10. Every area x every indicator (zero where nothing was counted), and whether the force has
--     the months of each window.
cells AS (
    SELECT a.force, a.district AS area, i.indicator,
           coalesce(w.l12, 0) AS l12, coalesce(w.s36, 0) AS s36,
           CASE WHEN fm.l12_months = 12 THEN 1 ELSE 0 END AS l12_ok,
           CASE WHEN fm.l12_months = 12 AND fm.lta_months = 36 THEN 1 ELSE 0 END AS lta_ok
    FROM areas AS a
    CROSS JOIN indicators AS i
    JOIN force_months AS fm ON fm.force = a.force
    LEFT JOIN with_all AS w
        ON w.force = a.force AND w.area = a.district AND w.indicator = i.indicator
),
-- 11. Rounding, in integers, half away from zero:
--     LTA = S36 / 3 to 4 decimals: round(S36 * 10000 / 3) = (2 * S36 * 10000 + 3) / (2 * 3);
--     Difference = (L12 - LTA) / LTA x 100 = (3 L12 - S36) x 100 / S36 %, to 1 decimal:
--     tenths = round(|3 L12 - S36| * 1000 / S36), with the sign of 3 L12 - S36 unless 0.
--     An LTA of zero has no Difference (empty), the status is still ok.
rounded AS (
    SELECT cells.*,
           (2 * s36 * 10000 + 3) / 6 AS lta_q,
           CASE WHEN s36 > 0 THEN (2 * abs(3 * l12 - s36) * 1000 + s36) / (2 * s36) END AS diff_q,
           -- CSV quoting as scrutineer's csv_field (names never hold line breaks here).
           CASE WHEN instr(force, ',') > 0 OR instr(force, '"') > 0
                THEN '"' || replace(force, '"', '""') || '"' ELSE force END AS force_csv,
           CASE WHEN instr(area, ',') > 0 OR instr(area, '"') > 0
                THEN '"' || replace(area, '"', '""') || '"' ELSE area END AS area_csv,
           CASE WHEN instr(indicator, ',') > 0 OR instr(indicator, '"') > 0
                THEN '"' || replace(indicator, '"', '""') || '"' ELSE indicator END
               AS indicator_csv
    FROM cells
)
SELECT CASE WHEN area = '' THEN 'force' ELSE 'district' END
       || ',' || force_csv
       || ',' || CASE WHEN area = '' THEN force_csv ELSE area_csv END
       || ',' || indicator_csv
       || ',' || (SELECT printf('%04d-%02d', p / 12, p % 12 + 1) FROM period)
       -- L12 missing a month: every figure empty, insufficient_data.
       || ',' || CASE WHEN l12_ok = 1 THEN printf('%d', l12) ELSE '' END
       -- LTA missing a month: L12 only, insufficient_data.
       || ',' || CASE WHEN lta_ok = 1 THEN printf('%d.%04d', lta_q / 10000, lta_q % 10000)
                      ELSE '' END
       || ',' || CASE WHEN lta_ok = 1 AND s36 > 0
                      THEN CASE WHEN 3 * l12 < s36 AND diff_q > 0 THEN '-' ELSE '' END
                           || printf('%d.%d', diff_q / 10, diff_q % 10)
                      ELSE '' END
       || ',' || CASE WHEN lta_ok = 1 THEN 'ok' ELSE 'insufficient_data' END AS line
FROM rounded
ORDER BY line;
