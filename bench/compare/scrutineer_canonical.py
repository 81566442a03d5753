#!/usr/bin/python3
"""scrutineer's indicator CSV as the canonical CSV of bench/compare.sh.

    scrutineer_canonical.py IN_CSV OUT_CSV

IN_CSV is `scrutineer indicators --areas from-data --format csv`:

    level,area_code,area_name,indicator,period_end,last_12_months,long_term_average,difference,
    difference_unit,significance_z,status,lta_available_from,improvement,special_cause,assurance

OUT_CSV has, without a header, one line per row:

    level,force,area_name,indicator,period_end,last_12_months,long_term_average,difference,status

A district row of scrutineer's CSV names no force, and the same place can be a district of two
forces; but the CSV lists each force's row before its districts' (areas_in_table_order), so the
force of a district row is that of the force row before it. Dropped: area_code (from the
lookups directory, which the other tools do not read), difference_unit ("%" for every count),
significance_z, improvement, special_cause and assurance (not part of the task), and
lta_available_from, which is set only by a
recording break (--breaks) and must be empty here.
"""
import csv
import sys

HEADER = ['level', 'area_code', 'area_name', 'indicator', 'period_end', 'last_12_months',
          'long_term_average', 'difference', 'difference_unit', 'significance_z', 'status',
          'lta_available_from', 'improvement', 'special_cause', 'assurance']


def csv_field(s):
    """As scrutineer's csv_field: quoted only if it holds a comma, a quote or a line break."""
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main(in_path, out_path):
    with open(in_path, newline='', encoding='utf-8') as f:
        rows = csv.reader(f)
        header = next(rows)
        if header != HEADER:
            sys.exit(f'scrutineer_canonical.py: unexpected header {header}')
        force = None
        lines = []
        for line_no, r in enumerate(rows, start=2):
            if len(r) != len(HEADER):
                sys.exit(f'scrutineer_canonical.py: line {line_no}: {len(r)} fields')
            row = dict(zip(HEADER, r))
            if row['level'] == 'force':
                force = row['area_name']
            elif row['level'] != 'district' or force is None:
                sys.exit(f'scrutineer_canonical.py: line {line_no}: a {row["level"]} row '
                         'before any force row')
            if row['difference_unit'] != '%' or row['lta_available_from'] != '':
                sys.exit(f'scrutineer_canonical.py: line {line_no}: not a count indicator '
                         'without a recording break')
            lines.append(','.join([row['level'], csv_field(force)] + [
                csv_field(row[k]) for k in ('area_name', 'indicator', 'period_end',
                                            'last_12_months', 'long_term_average',
                                            'difference', 'status')]) + '\n')
    with open(out_path, 'w', encoding='utf-8', newline='') as f:
        f.writelines(lines)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: scrutineer_canonical.py IN_CSV OUT_CSV')
    main(sys.argv[1], sys.argv[2])
