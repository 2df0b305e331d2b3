#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz harnesses from files already in the repository:
fuzz_scan gets every corpus server and rule fixture (first byte = language, in the order of
ms_lang_id in src/lang/lang.h), fuzz_rule_yaml every built-in rule, fuzz_tree_query every
built-in rule's query with a fixture of its language (language byte, query, NUL, source),
fuzz_cache a well-formed entry pack and stat index.
Usage: make_seeds.py OUT"""
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# ms_lang_id order: python, javascript, typescript, tsx, json, yaml, dotenv
LANG_BYTE = {".py": 0, ".js": 1, ".mjs": 1, ".cjs": 1, ".ts": 2, ".mts": 2, ".cts": 2, ".tsx": 3,
             ".json": 4, ".jsonc": 4, ".yaml": 5, ".yml": 5, ".env": 6}


def files_under(*dirs):
    for d in dirs:
        for base, subdirs, names in os.walk(os.path.join(ROOT, d)):
            subdirs.sort()
            for n in sorted(names):
                yield os.path.join(base, n)


def write(out_dir, data):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    n = 0
    for path in files_under("corpus", "tests/rules"):
        ext = os.path.splitext(path)[1]
        if os.path.basename(path).startswith(".env"):
            ext = ".env"
        if ext in LANG_BYTE:
            with open(path, "rb") as f:
                write(os.path.join(out, "fuzz_scan"), bytes([LANG_BYTE[ext]]) + f.read())
            n += 1
    fixtures = {}
    for path in files_under("tests/rules"):
        byte = LANG_BYTE.get(os.path.splitext(path)[1])
        if byte is not None and byte < 4 and byte not in fixtures:
            with open(path, "rb") as f:
                fixtures[byte] = f.read()
    for path in files_under("rules"):
        if path.endswith((".yaml", ".yml")):
            with open(path, "rb") as f:
                text = f.read()
            write(os.path.join(out, "fuzz_rule_yaml"), text)
            n += 1
            # The block scalar after `query:` / `taint:` / `sources:`, unindented.
            for m in re.finditer(rb"^(?:query|taint|sources): \|\n((?:  .*\n|\n)+)", text, re.M):
                query = re.sub(rb"^  ", b"", m.group(1), flags=re.M)
                langs = re.search(rb"^languages:\s*\[(.*)\]", text, re.M)
                names = langs.group(1).replace(b" ", b"").split(b",") if langs else []
                for byte in [b for name, b in ((b"python", 0), (b"javascript", 1), (b"typescript", 2)) if name in names]:
                    if byte in fixtures:
                        write(os.path.join(out, "fuzz_tree_query"), bytes([byte]) + query + b"\0" + fixtures[byte])
                        n += 1
    # Reports read back (baselines, merge-results inputs): the golden JSON and SARIF.
    for name in ("corpus.json", "corpus.sarif"):
        path = os.path.join(ROOT, "tests", "golden", name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                write(os.path.join(out, "fuzz_report"), f.read())
            n += 1
    # Configurations and ignore files: small ones of every key type and pattern form.
    configs = [
        b"severity_threshold: HIGH\nexit_codes:\n  high: 0\nmax_file_size: 2MiB\n",
        b"rules:\n  disable: [py-eval-exec, 'CWE-95', 'secret-*']\n  dirs: [rules]\nseverity_overrides:\n"
        b"  py-os-system: MEDIUM\n",
        b"suppressions:\n  - rule: py-eval-exec\n    path: tests/\n    reason: fixtures\n",
        b"output:\n  - format: sarif\n    file: out.sarif\n  - format: json\ncolor: never\n",
        b"cache:\n  enabled: false\n  dir: c\n  max_size: 1GiB\nfile_timeout: 0.5\nmemory_limit: 512MB\n",
        b"exclude_dirs: [vendor]\nexclude_patterns: ['*.min.js']\nignore_files: false\n",
    ]
    for c in configs:
        write(os.path.join(out, "fuzz_config"), c)
    ignores = [
        b"*.log\n!keep.log\n/build/\ndocs/**/gen_*.md\n\\#notacomment\n# comment\n\0app.log\nkeep.log\nbuild/x.py",
        b"**/node_modules\nsrc/*.py\n[abc]?.js\n\0src/a.py\nsrc/x/a.py\nb1.js\na/node_modules/c.js",
    ]
    for g in ignores:
        write(os.path.join(out, "fuzz_ignore"), g)
    n += len(configs) + len(ignores)
    # fuzz_cache: an entry pack of three copies (byte 0 even) and a stat index of two records
    # (byte 0 odd), both well formed (entry_pack.h, stat_index.c).
    u32, u64 = (lambda v: v.to_bytes(4, "little")), (lambda v: v.to_bytes(8, "little"))
    keys = [bytes([k]) * 32 for k in (3, 7, 9)]
    copies = [b"MSCE" + bytes(72 + 10 * k) for k in range(3)]
    offset = 12 + 44 * len(keys)
    index = b""
    for age, (key, copy) in enumerate(zip(keys, copies)):
        index += key + u32(offset) + u32(len(copy)) + u32(age)
        offset += len(copy)
    write(os.path.join(out, "fuzz_cache"), b"\0" + b"MSEP" + u32(2) + u32(len(keys)) + index + b"".join(copies))
    records = b"".join(u64(1) + u64(ino) + u64(100) + u64(5) + u64(6) + bytes([ino]) * 32 for ino in (10, 20))
    write(os.path.join(out, "fuzz_cache"), b"\1" + records)
    n += 2
    print(f"wrote {n} seeds under {out}")


if __name__ == "__main__":
    main()
