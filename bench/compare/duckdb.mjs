// DuckDB's side of bench/compare.sh: the indicator tables from police.uk street-level files,
// written as the canonical CSV (see indicators.sql).
//
//   node bench/compare/duckdb.mjs DATA_DIR OUT_CSV     run the task
//   node bench/compare/duckdb.mjs --version            print the DuckDB and package versions
//
// @duckdb/node-api is not a dependency of the repository: compare.sh installs the version pinned
// in bench/compare/package-lock.json with `npm ci` into a directory of its own, given here as
// DUCKDB_NODE_DIR (default /tmp/scrutineer-bench/duckdb).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.DUCKDB_NODE_DIR || '/tmp/scrutineer-bench/duckdb';
const require = createRequire(join(nodeDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

// A string as a single-quoted SQL literal.
const literal = (s) => `'${s.replaceAll("'", "''")}'`;

async function main() {
    const args = process.argv.slice(2);
    // All the machine's threads (DuckDB's default too, said explicitly).
    const threads = availableParallelism();
    const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
    const db = await instance.connect();

    if (args[0] === '--version') {
        const api = require('@duckdb/node-api/package.json').version;
        const rows = (await db.runAndReadAll('SELECT version()')).getRows();
        console.log(`${String(rows[0][0]).replace(/^v/, '')} (node-api ${api})`);
        return;
    }
    if (args.length !== 2) {
        console.error('usage: node duckdb.mjs DATA_DIR OUT_CSV | --version');
        process.exit(2);
    }
    const [dataDir, outPath] = args;

    // indicators.sql divides integers with /, as SQLite does.
    await db.run('SET integer_division = true');
    // The police.uk layout: DATA_DIR/YYYY-MM/YYYY-MM-<force>-street.csv, 12 columns, a header
    // line, fields quoted with " when they hold a comma. The columns are given, not sniffed;
    // DuckDB reads only the four the query uses. An empty field reads as NULL: the LSOA name of
    // a row without a location becomes '' as in the other tools.
    await db.run(`
        CREATE VIEW crimes AS
        SELECT "Month" AS month, "Falls within" AS force, coalesce("LSOA name", '') AS lsoa_name,
               "Crime type" AS crime_type
        FROM read_csv(${literal(join(dataDir, '*', '*.csv'))},
            header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            columns = {
                'Crime ID': 'VARCHAR', 'Month': 'VARCHAR', 'Reported by': 'VARCHAR',
                'Falls within': 'VARCHAR', 'Longitude': 'VARCHAR', 'Latitude': 'VARCHAR',
                'Location': 'VARCHAR', 'LSOA code': 'VARCHAR', 'LSOA name': 'VARCHAR',
                'Crime type': 'VARCHAR', 'Last outcome category': 'VARCHAR',
                'Context': 'VARCHAR'
            })`);
    const sql = readFileSync(join(here, 'indicators.sql'), 'utf8');
    const rows = (await db.runAndReadAll(sql)).getRows();
    writeFileSync(outPath, rows.map((r) => r[0] + '\n').join(''));
}

await main();
