#!/usr/bin/env bash
# Finds SQL built from pieces that are not code constants: every statement the store runs must be
# prepared with its values bound (docs/security.md), so the SQL text given to the database
# (Database::execute, query, query_each, execute_many; SQLite's and libpq's exec and prepare) may
# be made only of
#   - string literals ("SELECT ... WHERE id = ?", raw strings, adjacent literals),
#   - constants named kSomething defined in the same file as string literals,
#   - fmt::format(literal, pieces...) and a + b of such pieces.
# Anything else (a variable, a function's result, a piece chosen at run time) must be marked on the
# call's line, or in the comment lines just above it, with
#   // sql-check: <why the pieces are not user input>
# and the reason must not be empty. A new unmarked concatenation fails the check, naming the file
# and line.
#
#   scripts/check_sql.sh                 check every .cpp and .hpp under src/
#   scripts/check_sql.sh FILE|DIR ...    check those instead
#   scripts/check_sql.sh --self-test     check the checker on tests/fixtures/sql_check/
#
# The database adapters (sqlite_database.cpp, postgresql_database.cpp) are not checked: they run
# the SQL their callers pass them, and those calls are what this checks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ "${1:-}" = "--self-test" ]; then
  fixtures="$root/tests/fixtures/sql_check"
  status=0
  # The good file passes.
  if ! out=$("$0" "$fixtures/good.cpp.in" 2>&1); then
    echo "self-test: good.cpp.in should pass, but:"; echo "$out"; status=1
  fi
  # The bad file fails, on exactly its lines commented "// BAD", and on no other.
  if out=$("$0" "$fixtures/bad.cpp.in" 2>&1); then
    echo "self-test: bad.cpp.in should fail, but passed"; status=1
  fi
  want=$(grep -n '// BAD' "$fixtures/bad.cpp.in" | cut -d: -f1 | sort -n | tr '\n' ' ')
  got=$(grep -oE 'bad\.cpp\.in:[0-9]+:' <<<"$out" | cut -d: -f2 | sort -n | tr '\n' ' ' || true)
  if [ "$want" != "$got" ]; then
    echo "self-test: bad.cpp.in should fail on lines [$want] but failed on [$got]:"
    echo "$out"; status=1
  fi
  [ $status -eq 0 ] && echo "self-test: the check passes good.cpp.in and fails bad.cpp.in on lines $want"
  exit $status
fi

if [ $# -eq 0 ]; then set -- "$root/src"; fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.cpp' -o -name '*.hpp' | sort)
  else
    files+=("$arg")
  fi
done

exec python3 - "${files[@]}" <<'PYTHON'
import os
import re
import sys

ADAPTERS = {"sqlite_database.cpp", "postgresql_database.cpp"}
CALL = re.compile(r"(?:\.|->)\s*(execute|query|query_each|execute_many|exec|prepare)\s*\(")
MARK = re.compile(r"//\s*sql-check:\s*(\S.*)?$")
LITERAL = r'(?:R"(?P<d>[^(\s]*)\((?:.|\n)*?\)(?P=d)"|"(?:[^"\\\n]|\\.)*")'


def blank_comments(src):
    """The source with comments replaced by spaces (line breaks kept), strings untouched."""
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
            continue
        j = skip_literal(src, i)
        if j > i:
            out.append(src[i:j])
            i = j
            continue
        out.append(src[i])
        i += 1
    return "".join(out)


def skip_literal(s, i):
    """The end of a string or character literal starting at i (i itself if there is none)."""
    m = re.match(r'R"([^(\s]*)\(', s[i:])
    if m and (i == 0 or not (s[i - 1].isalnum() or s[i - 1] == "_")):
        end = ")" + m.group(1) + '"'
        j = s.find(end, i + m.end())
        return len(s) if j < 0 else j + len(end)
    if s[i] in "\"'":
        if s[i] == "'" and i > 0 and s[i - 1].isalnum():
            return i  # a digit separator: 1'000
        j = i + 1
        while j < len(s) and s[j] != s[i]:
            j += 2 if s[j] == "\\" else 1
        return j + 1
    return i


def split_top(s, start, sep):
    """`s` from `start` split at each `sep` outside brackets and literals, up to the closing
    bracket that opens nothing (or the end)."""
    parts, depth, i, begin = [], 0, start, start
    while i < len(s):
        j = skip_literal(s, i)
        if j > i:
            i = j
            continue
        c = s[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                parts.append(s[begin:i])
                return parts
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(s[begin:i])
            begin = i + 1
        i += 1
    parts.append(s[begin:])
    return parts


def arguments(s, start):
    """The top-level arguments of the call whose '(' ends just before `start`."""
    return split_top(s, start, ",")


def literal_constants(s):
    """Names kX defined in the file as string literals (constexpr const char* kX = "...";)."""
    names = set()
    for m in re.finditer(r"\b(k[A-Z]\w*)\s*(?:\[\s*\])?\s*=\s*((?:\s*" + LITERAL + r")+)\s*;", s):
        names.add(m.group(1))
    return names


def constant_sql(expr, constants):
    """Whether `expr` is made only of literals, literal constants, fmt::format and +."""
    e = expr.strip()
    if not e:
        return False
    if re.fullmatch(r"(?:\s*" + LITERAL + r")+\s*", e):
        return True
    if re.fullmatch(r"k[A-Z]\w*", e):
        return e in constants
    m = re.fullmatch(r"(?:std::string|std::string_view)\s*\((.*)\)", e, re.S)
    if m and len(arguments(m.group(1) + ")", 0)) == 1:
        return constant_sql(m.group(1), constants)
    m = re.fullmatch(r"fmt::format\s*\((.*)\)", e, re.S)
    if m:
        args = arguments(m.group(1) + ")", 0)
        return all(constant_sql(a, constants) for a in args)
    if e.startswith("(") and e.endswith(")") and len(arguments(e[1:], 0)) == 1:
        inner = arguments(e[1:], 0)[0]
        if len(inner) == len(e) - 2:
            return constant_sql(inner, constants)
    # a + b + ...: split at top-level '+'
    parts = split_top(e, 0, "+")
    if len(parts) > 1:
        return all(constant_sql(p, constants) for p in parts)
    return False


def marked(lines, first, last):
    """Whether a line of the call, or the comment lines just above its statement, carry the
    mark (the statement may begin a line or two above the call: `for (const auto& r :`)."""
    for k in range(first, last + 1):
        m = MARK.search(lines[k])
        if m:
            return bool(m.group(1) and m.group(1).strip())
    k = first - 1
    for _ in range(3):
        line = lines[k].strip() if k >= 0 else ""
        if not line or line.startswith("//") or line[-1] in ";{}":
            break
        k -= 1
    while k >= 0 and lines[k].strip().startswith("//"):
        m = MARK.search(lines[k])
        if m:
            return bool(m.group(1) and m.group(1).strip())
        k -= 1
    return False


problems = 0
checked = 0
files = [p for p in sys.argv[1:] if os.path.basename(p) not in ADAPTERS]
for path in files:
    with open(path, encoding="utf-8") as f:
        src = f.read()
    code = blank_comments(src)
    lines = src.split("\n")
    constants = literal_constants(code)
    for m in CALL.finditer(code):
        args = arguments(code, m.end())
        if not args or not args[0].strip():
            continue  # no SQL argument: commit(), a different query()
        checked += 1
        # libpq's prepare(name, sql): every argument is checked; the others' SQL is the first.
        pieces = args if m.group(1) == "prepare" else args[:1]
        bad = [a for a in pieces if not constant_sql(a, constants)]
        if not bad:
            continue
        sql = bad[0]
        first = code.count("\n", 0, m.start())
        last = code.count("\n", 0, m.end() + len(",".join(args)))
        if marked(lines, first, last):
            continue
        problems += 1
        shown = " ".join(sql.split())
        if len(shown) > 100:
            shown = shown[:97] + "..."
        print(f"{path}:{first + 1}: {m.group(1)}({shown}: SQL built from pieces that are not "
              f"code constants (bind values as ?, or mark: // sql-check: <why>)")

if problems:
    print(f"check_sql: {problems} statement(s) built from non-constant pieces "
          f"({checked} checked in {len(files)} files)")
    sys.exit(1)
print(f"check_sql: {checked} statements in {len(files)} files, every one prepared "
      f"from code constants or marked")
PYTHON
