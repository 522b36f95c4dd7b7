#!/usr/bin/env python3
"""The crate's module import graph and the circles in it.

A module "stands above" the modules whose items it names: through `use` lines and through
paths written inline (`crate::a::b`, `super::x`, `self::child::y`, `casefile::…` from the
binary, or a child module's name). A module's own `mod child;` line is not an import. Test
modules (declared under `#[cfg(test)]`, and `#[cfg(test)] mod … { }` blocks inside a file) are
left out unless `--tests` is given: they stand above what they test and never close a circle
the program has.

    scripts/import_cycles.py                  # the circles (strongly connected modules)
    scripts/import_cycles.py --edges          # and every edge, one `from -> to` a line
    scripts/import_cycles.py --under tui      # only modules under `tui`
    scripts/import_cycles.py --from tui::update  # what one module imports (and from where)

A folder's root (`mod.rs`, or `a.rs` beside `a/`) using its own files is how Rust folders are
built, so circles are reported in two kinds: knots (a circle that remains without root -> own
file edges: siblings or folders that import each other) and circles of a root with its files
(the files use a type the root declares while the root calls them). Exit code 1 when there is
a knot (within `--under`).
"""

import argparse
import os
import re
import sys
from collections import defaultdict

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def strip_code(text):
    """The text with comments and string/char literals blanked (same length, newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif re.match(r'(b?r#*")', text[i:i + 12]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:])
            end = text.find('"' + m.group(1), i + m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('a', '\n', '\u{..}') or a lifetime ('a): only literals are blanked.
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            if m:
                out.append(" " * m.end())
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(code, open_at):
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code)


def drop_test_blocks(code):
    """Blank `#[cfg(test)] mod name { … }` blocks; return the code and the test `mod x;` names."""
    test_children = set()
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", code):
        test_children.add(m.group(1))
    while True:
        m = re.search(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{", code)
        if not m:
            break
        end = matching_brace(code, m.end() - 1)
        code = code[: m.start()] + re.sub(r"[^\n]", " ", code[m.start(): end + 1]) + code[end + 1:]
    return code, test_children


def expand_use(tree):
    """`a::{b, c::{d, e}}` -> ['a::b', 'a::c::d', 'a::c::e'] (aliases and globs dropped)."""
    tree = re.sub(r"\s+", "", re.sub(r"\s+as\s+\w+", "", tree))
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m:
        return [tree.rstrip("*").rstrip(":")]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if not p:
            continue
        for sub in expand_use(p):
            out.append(prefix + sub if sub != "self" else prefix.rstrip(":"))
    return out


class Crate:
    def __init__(self, include_tests):
        self.include_tests = include_tests
        self.files = {}  # module -> file
        self.children = defaultdict(set)
        self.tests = set()
        self.codes = {}
        for root, name in (("lib.rs", "casefile"), ("main.rs", "main")):
            self.load(os.path.join(SRC, root), name, os.path.join(SRC))

    def load(self, path, module, child_dir):
        self.files[module] = path
        with open(path, encoding="utf-8") as f:
            code = strip_code(f.read())
        code, test_children = drop_test_blocks(code) if not self.include_tests else (code, set())
        self.codes[module] = code
        for m in re.finditer(r"(?:^|\n)\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", code):
            child = m.group(1)
            if child in test_children and not self.include_tests:
                continue
            name = child if module in ("casefile", "main") else f"{module}::{child}"
            for candidate, sub in (
                (os.path.join(child_dir, child + ".rs"), os.path.join(child_dir, child)),
                (os.path.join(child_dir, child, "mod.rs"), os.path.join(child_dir, child)),
            ):
                if os.path.exists(candidate):
                    self.children[module].add(name)
                    self.load(candidate, name, sub)
                    break

    def resolve(self, module, path):
        """The module a path names: the longest known module prefix of it."""
        parts = [p for p in path.split("::") if p]
        if not parts:
            return None
        lib = module not in ("main",) and not module.startswith(("tui", "cli"))
        head = parts[0]
        if head == "crate":
            absolute, root_is_bin = parts[1:], not lib
        elif head == "casefile":
            absolute, root_is_bin = parts[1:], False
        elif head in ("super", "self"):
            cur = [] if module in ("casefile", "main") else module.split("::")
            while parts and parts[0] in ("super", "self"):
                if parts[0] == "super":
                    cur = cur[:-1]
                parts = parts[1:]
            absolute, root_is_bin = cur + parts, not lib
        else:
            child = head if module in ("casefile", "main") else f"{module}::{head}"
            if child not in self.files:
                return None
            absolute, root_is_bin = (module.split("::") if module not in ("casefile", "main") else []) + parts, not lib
        for k in range(len(absolute), 0, -1):
            name = "::".join(absolute[:k])
            if name in self.files:
                return name
        return "main" if root_is_bin else "casefile"

    def edges(self):
        out = defaultdict(set)
        for module, code in self.codes.items():
            paths = []
            for m in re.finditer(r"\buse\s+([^;]+);", code):
                paths += expand_use(m.group(1))
            code_wo_use = re.sub(r"\buse\s+[^;]+;", " ", code)
            paths += re.findall(r"\b(?:crate|super|self|casefile)(?:::\w+)+", code_wo_use)
            paths += re.findall(r"(?<![:\w])\w+(?:::\w+)+", code_wo_use)
            for path in paths:
                target = self.resolve(module, path)
                if target and target != module:
                    out[module].add(target)
        return out


def sccs(nodes, edges):
    index, low, on, stack, result, counter = {}, {}, set(), [], [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            result.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tests", action="store_true", help="include test modules")
    ap.add_argument("--edges", action="store_true", help="print every edge")
    ap.add_argument("--under", help="only modules under this one (e.g. tui, corpus)")
    ap.add_argument("--from", dest="source", help="print what this module imports")
    args = ap.parse_args()
    crate = Crate(args.tests)
    edges = crate.edges()

    def inside(m):
        return not args.under or m == args.under or m.startswith(args.under + "::")

    nodes = [m for m in crate.files if inside(m)]
    sub = {m: {t for t in edges.get(m, ()) if inside(t)} for m in nodes}
    if args.source:
        for t in sorted(edges.get(args.source, ())):
            print(f"{args.source} -> {t}")
        return 0
    if args.edges:
        for m in sorted(sub):
            for t in sorted(sub[m]):
                print(f"{m} -> {t}")
    # A folder's root calling into its own files (`mod.rs` dispatching, re-exporting) is how a
    # Rust folder is built; a circle that needs such an edge is only "root <-> its files".
    # The knots are the circles left without them: between siblings, or across folders.
    def below(a, b):
        return b.startswith(a + "::") or a in ("casefile", "main")

    upward = {m: {t for t in ts if not below(m, t)} for m, ts in sub.items()}
    knots = [c for c in sccs(nodes, upward) if len(c) > 1]
    in_knot = {m for c in knots for m in c}
    roots = [c for c in sccs(nodes, sub) if len(c) > 1 and not set(c) & in_knot]
    print(f"{len(nodes)} modules, {sum(len(v) for v in sub.values())} imports: "
          f"{len(knots)} knots (circles between siblings or across folders), "
          f"{len(roots)} circles of a folder's root and its own files")
    for title, group, graph in (("knot", knots, upward), ("root and its files", roots, sub)):
        for comp in sorted(group):
            members = set(comp)
            print(f"\n{title}, {len(comp)} modules:")
            for m in comp:
                inner = sorted(t for t in graph[m] if t in members)
                print(f"  {m} -> {', '.join(inner)}")
    return 1 if knots else 0


if __name__ == "__main__":
    sys.exit(main())
