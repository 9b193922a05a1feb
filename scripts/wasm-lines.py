#!/usr/bin/env python3
"""Code bytes by source file, from the DWARF line table of a wasm built with line tables.

Usage: scripts/wasm-lines.py WASM [--depth N]
Build first, e.g.:
  CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_RELEASE_STRIP=none \
    cargo build -p podplay-app --bin podplay-app --release --target wasm32-unknown-unknown --target-dir target/probe
Each address range of the line table goes to the source file of its row, so code inlined from
std (Option::map, fmt::Arguments, Vec::push …) counts for std, not for its caller. Figures are
raw bytes before wasm-opt (they shrink by roughly a third after it), useful to compare parts.
"""
import re
import subprocess
import sys
from collections import defaultdict

path = sys.argv[1]
depth = int(sys.argv[sys.argv.index("--depth") + 1]) if "--depth" in sys.argv else 2
out = subprocess.run(["llvm-dwarfdump", "--debug-line", path], capture_output=True, text=True).stdout
sizes = defaultdict(int)
dirs, files = {}, {}
prev = None  # (addr, file)
cur_name = None
cur_dir = None
for line in out.splitlines():
    if line.startswith("debug_line["):
        dirs, files, prev = {}, {}, None
        continue
    m = re.match(r'include_directories\[\s*(\d+)\] = "(.*)"', line)
    if m:
        dirs[int(m.group(1))] = m.group(2)
        continue
    m = re.match(r'file_names\[\s*(\d+)\]:', line)
    if m:
        cur_name = int(m.group(1))
        continue
    m = re.match(r'\s+name: "(.*)"', line)
    if m and cur_name is not None:
        files[cur_name] = [m.group(1), 0]
        continue
    m = re.match(r'\s+dir_index: (\d+)', line)
    if m and cur_name is not None:
        files[cur_name][1] = int(m.group(1))
        cur_name = None
        continue
    m = re.match(r'0x([0-9a-f]+)\s+\d+\s+\d+\s+(\d+)\s+\d+\s+\d+\s*(.*)', line)
    if m:
        addr, f, flags = int(m.group(1), 16), int(m.group(2)), m.group(3)
        if prev is not None and addr >= prev[0]:
            sizes[prev[1]] += addr - prev[0]
        if "end_sequence" in flags:
            prev = None
        else:
            name, d = files.get(f, ["?", 0])
            full = name if name.startswith("/") or name.startswith("library/") else dirs.get(d, "") + "/" + name
            prev = (addr, full)


def group(p):
    m = re.search(r"(?:^|/)(core|app)/src/(.*)\.rs$", p)
    if m and not p.startswith("library/"):
        parts = m.group(2).split("/")
        if parts[-1] in ("mod", "lib"):
            parts = parts[:-1]
        return ("podplay_" + m.group(1) + "::" + "::".join(parts[:depth - 1])).rstrip(":")
    m = re.search(r"^library/(\w+)/src/(\w+)", p)
    if m:
        return "std " + m.group(1) + "::" + m.group(2)
    m = re.search(r"registry/src/[^/]+/([A-Za-z_\-]+?)-\d", p)
    if m:
        return "crate " + m.group(1)
    return p


g = defaultdict(int)
for p, s in sizes.items():
    g[group(p)] += s
total = sum(g.values())
print("%-44s %10s" % ("source (code bytes, before wasm-opt)", "bytes"))
for k, v in sorted(g.items(), key=lambda kv: -kv[1]):
    if v >= 1500:
        print("%-44s %10d" % (k, v))
core = sum(v for k, v in g.items() if k.startswith("podplay_core"))
print("%-44s %10d" % ("= podplay_core", core))
print("%-44s %10d" % ("= all", total))
