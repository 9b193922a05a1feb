#!/usr/bin/env python3
"""Where the bytes of a wasm file go: sections, code by crate/module, data by source module.

Usage: scripts/wasm-breakdown.py WASM [--depth N] [--src core/src]

WASM must carry a "name" section (wasm-bindgen --keep-debug, then wasm-opt with --debuginfo), so
that function bodies can be attributed by their (demangled) names. Every figure is given raw and as
"gzip -9 of that part alone": parts compress less well alone than inside the whole file, so the
gzip column does not add up to the gzip of the file; it is a fair way to compare parts and builds.

Code: each function body goes to the first `crate::module` path in its name (depth 2 by default,
so `podplay_core::validate`); generic std code instantiated for core's types stays under
`core`/`alloc` because symbol names do not carry type arguments, and inlined callees count for
their caller. Data: with --src, the string literals of each core source file (outside test
modules) that occur verbatim in the data segments are attributed to that file's module; the rest
of the data is "unattributed" (numbers, tables of non-string statics, strings from other crates).
"""
import gzip
import os
import re
import sys
from collections import defaultdict


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def gz(b):
    return len(gzip.compress(bytes(b), 9, mtime=0))


def sections(buf):
    assert buf[:4] == b"\0asm", "not a wasm file"
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size]
        i = j + size


def parse(buf):
    n_imported_funcs = 0
    bodies = []
    names = {}
    data = []
    sect = {}
    for sid, body in sections(buf):
        key = sid
        if sid == 0:
            nlen, k = leb(body, 0)
            cname = bytes(body[k:k + nlen]).decode()
            key = "custom:" + cname
            if cname == "name":
                k += nlen
                while k < len(body):
                    sub = body[k]
                    ssize, k2 = leb(body, k + 1)
                    if sub == 1:
                        cnt, m = leb(body, k2)
                        for _ in range(cnt):
                            idx, m = leb(body, m)
                            ln, m = leb(body, m)
                            names[idx] = bytes(body[m:m + ln]).decode("utf-8", "replace")
                            m += ln
                    k = k2 + ssize
        elif sid == 2:
            cnt, k = leb(body, 0)
            for _ in range(cnt):
                for _ in range(2):
                    ln, k = leb(body, k)
                    k += ln
                kind = body[k]
                k += 1
                if kind == 0:
                    _, k = leb(body, k)
                    n_imported_funcs += 1
                elif kind == 1:
                    k += 1
                    flags, k = leb(body, k)
                    _, k = leb(body, k)
                    if flags & 1:
                        _, k = leb(body, k)
                elif kind == 2:
                    flags, k = leb(body, k)
                    _, k = leb(body, k)
                    if flags & 1:
                        _, k = leb(body, k)
                elif kind == 3:
                    k += 2
                else:
                    raise ValueError("import kind %d" % kind)
        elif sid == 10:
            cnt, k = leb(body, 0)
            for _ in range(cnt):
                ln, k = leb(body, k)
                bodies.append(body[k:k + ln])
                k += ln
        elif sid == 11:
            cnt, k = leb(body, 0)
            for _ in range(cnt):
                flags, k = leb(body, k)
                if flags == 2:
                    _, k = leb(body, k)
                if flags in (0, 2):
                    while body[k] != 0x0B:  # the offset expression: i32.const N end
                        k += 1
                    k += 1
                ln, k = leb(body, k)
                data.append(bytes(body[k:k + ln]))
                k += ln
        sect[key] = sect.get(key, 0) + len(body)
    return n_imported_funcs, bodies, names, data, sect


PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[0-9a-f]+\])?(?:::[A-Za-z_][A-Za-z0-9_]*)+")


def demangle(name):
    """Rust's legacy mangling (`_ZN4core3fmt5write17h…E`) → `core::fmt::write`."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        part = name[j:j + n]
        i = j + n
        if re.fullmatch(r"h[0-9a-f]{16}", part):
            break
        part = part.replace("$LT$", "<").replace("$GT$", ">").replace("$u20$", " ").replace(
            "..", "::").replace("$RF$", "&").replace("$C$", ",").replace("$u7b$", "{").replace(
            "$u7d$", "}").replace("$BP$", "*")
        parts.append(part)
    return "::".join(parts)


def group_of(name, depth):
    if name is None:
        return "(no name)"
    name = demangle(name)
    m = PATH.search(name)
    if not m:
        return "(other)"
    parts = [re.sub(r"\[[0-9a-f]+\]$", "", p) for p in m.group(0).split("::")]
    if parts[0].startswith("podplay"):
        return "::".join(parts[:depth])
    return parts[0]


STR = re.compile(r'(?<![A-Za-z0-9_\'])(?:b?)"((?:[^"\\]|\\.)*)"', re.S)


def unescape(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = s[i + 1] if i + 1 < len(s) else ""
        i += 2
        if n == "n":
            out.append("\n")
        elif n == "t":
            out.append("\t")
        elif n == "r":
            out.append("\r")
        elif n == "0":
            out.append("\0")
        elif n in "\\\"'":
            out.append(n)
        elif n == "x":
            out.append(chr(int(s[i:i + 2], 16)))
            i += 2
        elif n == "u":
            j = s.index("}", i)
            out.append(chr(int(s[i + 1:j], 16)))
            i = j + 1
        elif n == "\n":
            while i < len(s) and s[i] in " \t\n":
                i += 1
        else:
            out.append(n)
    return "".join(out)


def strip_tests(text):
    """Drops `#[cfg(test)] mod … { … }` blocks (brace-matched, ignoring braces in strings roughly)."""
    out = []
    i = 0
    while True:
        j = text.find("#[cfg(test)]", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        k = text.find("{", j)
        if k < 0:
            break
        depth = 0
        m = k
        while m < len(text):
            if text[m] == "{":
                depth += 1
            elif text[m] == "}":
                depth -= 1
                if depth == 0:
                    break
            m += 1
        i = m + 1
    return "".join(out)


def module_of(path, src, depth):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib"):
        rel = rel[:-1]
    return "::".join((["podplay_core"] + rel)[:depth])


def main():
    args = sys.argv[1:]
    depth = 2
    src = None
    if "--depth" in args:
        k = args.index("--depth")
        depth = int(args[k + 1])
        del args[k:k + 2]
    if "--src" in args:
        k = args.index("--src")
        src = args[k + 1]
        del args[k:k + 2]
    buf = open(args[0], "rb").read()
    nimp, bodies, names, data, sect = parse(buf)
    print("file: %d bytes, gzip -9 %d" % (len(buf), gz(buf)))
    print("\n%-28s %10s %10s" % ("section", "bytes", "alone gz"))
    code_all = b"".join(bodies)
    data_all = b"".join(data)
    for key, size in sorted(sect.items(), key=lambda kv: -kv[1]):
        label = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
                 7: "export", 9: "elem", 10: "code", 11: "data", 12: "datacount"}.get(key, key)
        alone = gz(code_all) if key == 10 else gz(data_all) if key == 11 else 0
        print("%-28s %10d %10s" % (label, size, alone or ""))

    groups = defaultdict(list)
    for n, b in enumerate(bodies):
        groups[group_of(names.get(n + nimp), depth)].append(b)
    print("\n%-36s %6s %10s %10s" % ("code by module", "fns", "bytes", "alone gz"))
    rows = [(g, len(bs), sum(map(len, bs)), gz(b"".join(bs))) for g, bs in groups.items()]
    for g, n, size, z in sorted(rows, key=lambda r: -r[2]):
        if size >= 2000:
            print("%-36s %6d %10d %10d" % (g, n, size, z))
    core = [r for r in rows if r[0].startswith("podplay_core")]
    print("%-36s %6d %10d %10d" % ("= podplay_core (all code)", sum(r[1] for r in core),
                                     sum(r[2] for r in core),
                                     gz(b"".join(b for g, bs in groups.items()
                                                 if g.startswith("podplay_core") for b in bs))))

    if src:
        print("\n%-36s %6s %10s %10s" % ("data: string literals by module", "lits", "bytes", "alone gz"))
        found = defaultdict(set)
        seen = set()
        for root, _, files in os.walk(src):
            for f in sorted(files):
                if not f.endswith(".rs") or f == "tests.rs" or f.endswith("_tests.rs"):
                    continue
                p = os.path.join(root, f)
                if "/bin/" in p:
                    continue
                text = strip_tests(open(p, encoding="utf-8").read())
                for m in STR.finditer(text):
                    try:
                        s = unescape(m.group(1)).encode()
                    except (ValueError, IndexError):
                        continue
                    if len(s) >= 8 and s not in seen and s in data_all:
                        seen.add(s)
                        found[module_of(p, src, depth)].add(s)
        total = 0
        rows = []
        for mod, lits in found.items():
            blob = b"".join(sorted(lits))
            rows.append((mod, len(lits), len(blob), gz(blob)))
            total += len(blob)
        for r in sorted(rows, key=lambda r: -r[2]):
            print("%-36s %6d %10d %10d" % r)
        allblob = b"".join(b"".join(sorted(l)) for l in found.values())
        print("%-36s %6d %10d %10d" % ("= core string literals", sum(r[1] for r in rows), total, gz(allblob)))
        print("%-36s %6s %10d %10d" % ("all data segments", "", len(data_all), gz(data_all)))


if __name__ == "__main__":
    main()
