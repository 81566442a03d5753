#!/usr/bin/python3
"""pandas' side of bench/compare.sh: the indicator tables from police.uk street-level files,
written as the canonical CSV (see indicators.sql for the format and the rules).

    /usr/bin/python3 bench/compare/pandas_indicators.py DATA_DIR OUT_CSV
    /usr/bin/python3 bench/compare/pandas_indicators.py --version

Run with Debian's /usr/bin/python3 and python3-pandas. Each file is read with read_csv (the
four columns the task needs, as strings) and counted at once, so memory holds one file and the
counts, not 20 M rows; the counts of all files are then concatenated and summed. The figures
are Python integers until they are printed, so the rounding is exact.
"""
import glob
import os
import sys

import pandas as pd

COLUMNS = ['Month', 'Falls within', 'LSOA name', 'Crime type']
KEYS = ['month', 'force', 'lsoa_name', 'crime_type']
ALL_CRIME = 'All crime'
NOT_IN_ALL_CRIME = 'Anti-social behaviour'


def csv_field(s):
    """As scrutineer's csv_field: quoted only if it holds a comma, a quote or a line break."""
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def count_rows(data_dir):
    """Rows per month, force, LSOA name and crime type, over DATA_DIR/*/*.csv."""
    parts = []
    for path in sorted(glob.glob(os.path.join(data_dir, '*', '*.csv'))):
        # keep_default_na=False: an empty LSOA name (no location) stays '', not NaN.
        df = pd.read_csv(path, usecols=COLUMNS, dtype=str, keep_default_na=False)
        df = df[COLUMNS]
        df.columns = KEYS
        parts.append(df.groupby(KEYS, sort=False).size())
    return pd.concat(parts).groupby(level=KEYS, sort=False).sum().rename('n').reset_index()


def round_half_away(numerator, denominator, decimals):
    """numerator / denominator (denominator > 0) to `decimals` places, half away from zero."""
    scale = 10 ** decimals
    q = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    text = f'{q // scale}.{q % scale:0{decimals}d}' if decimals else str(q)
    return ('-' if numerator < 0 and q else '') + text


def main(data_dir, out_path):
    counts = count_rows(data_dir)

    # The district: the LSOA name without its last word ("East Elythorpe 013B" -> "East
    # Elythorpe"), the whole name if it has no space; '' (no location) counts for the force only.
    names = pd.Series(counts['lsoa_name'].unique())
    district_of = dict(zip(names, names.str.rsplit(' ', n=1).str[0]))
    counts['district'] = counts['lsoa_name'].map(district_of)
    # Months as numbers, year * 12 + month - 1; the period ends at the latest month of any force.
    counts['k'] = counts['month'].str[:4].astype(int) * 12 + counts['month'].str[5:7].astype(int) - 1
    p = int(counts['k'].max())
    period_end = f'{p // 12:04d}-{p % 12 + 1:02d}'

    # A month is in a force's data if any of its rows has it; then every area of the force and
    # every type has a value that month (zero if none was counted); a missing month is missing
    # for all of them. L12 needs the months p-11 .. p, the LTA the 36 before, p-47 .. p-12.
    in_l12 = counts['k'].between(p - 11, p)
    in_lta = counts['k'].between(p - 47, p - 12)
    months = counts.assign(l12=in_l12, lta=in_lta).drop_duplicates(['force', 'k'])
    months = months.groupby('force')[['l12', 'lta']].sum()
    l12_ok = {f: int(r.l12) == 12 for f, r in months.iterrows()}
    lta_ok = {f: int(r.l12) == 12 and int(r.lta) == 36 for f, r in months.iterrows()}

    # Window sums per force, district and type.
    counts['l12'] = counts['n'].where(in_l12, 0)
    counts['s36'] = counts['n'].where(in_lta, 0)
    windowed = counts.groupby(['force', 'district', 'crime_type'], sort=False)[['l12', 's36']].sum()
    windowed = windowed.reset_index()
    # Per area: a district's own rows (a place named by two forces' rows is a district of each);
    # a force's = all its rows, those without a location too (area '').
    by_area = pd.concat([
        windowed[windowed['district'] != ''].rename(columns={'district': 'area'}),
        windowed.groupby(['force', 'crime_type'], sort=False)[['l12', 's36']].sum()
        .reset_index().assign(area=''),
    ])
    # All crime = every type except Anti-social behaviour.
    all_crime = (by_area[by_area['crime_type'] != NOT_IN_ALL_CRIME]
                 .groupby(['force', 'area'], sort=False)[['l12', 's36']].sum().reset_index()
                 .assign(crime_type=ALL_CRIME))
    sums = {(r.force, r.area, r.crime_type): (int(r.l12), int(r.s36))
            for r in pd.concat([by_area, all_crime]).itertuples()}

    # Every area of every force x every indicator (every type in the data, of any force, and
    # All crime), zero where nothing was counted.
    areas = sorted(set(zip(counts['force'], counts['district'])) | {(f, '') for f in l12_ok})
    indicators = sorted(set(counts['crime_type'])) + [ALL_CRIME]
    lines = []
    for force, area in areas:
        for indicator in indicators:
            l12, s36 = sums.get((force, area, indicator), (0, 0))
            last_12 = lta = difference = ''
            if l12_ok[force]:
                last_12 = str(l12)
            if lta_ok[force]:
                lta = round_half_away(s36, 3, 4)  # LTA = S36 / 3
                if s36 > 0:  # an LTA of zero has no Difference
                    # (L12 - LTA) / LTA x 100 = (3 L12 - S36) x 100 / S36
                    difference = round_half_away((3 * l12 - s36) * 100, s36, 1)
            lines.append(','.join([
                'district' if area else 'force', csv_field(force), csv_field(area or force),
                csv_field(indicator), period_end, last_12, lta, difference,
                'ok' if lta_ok[force] else 'insufficient_data']) + '\n')
    with open(out_path, 'w', encoding='utf-8', newline='') as f:
        f.writelines(lines)


if __name__ == '__main__':
    if sys.argv[1:] == ['--version']:
        print(pd.__version__)
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit('usage: pandas_indicators.py DATA_DIR OUT_CSV | --version')
