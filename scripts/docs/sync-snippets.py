#!/usr/bin/env python3
"""Rewrites every code block that follows a `<!-- snippet: PATH#NAME -->` line in docs/*.md with the region
`// <snippet:NAME>` ... `// </snippet:NAME>` of PATH (dedented). ExtendingDocTests fails when they differ."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def region(path, name):
    lines = open(os.path.join(ROOT, path), encoding="utf-8").read().replace("\r\n", "\n").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == f"// <snippet:{name}>")
    end = next(i for i, l in enumerate(lines) if l.strip() == f"// </snippet:{name}>")
    body = lines[start + 1:end]
    indent = min(len(l) - len(l.lstrip()) for l in body if l.strip())
    return [l[indent:] if l.strip() else "" for l in body]


def sync(doc):
    lines = open(doc, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        m = re.match(r"<!-- snippet: (.+)#([\w-]+) -->$", lines[i])
        if m and i + 1 < len(lines) and lines[i + 1].startswith("```"):
            out.append(lines[i + 1])
            j = i + 2
            while lines[j] != "```":
                j += 1
            out.extend(region(m.group(1), m.group(2)))
            out.append("```")
            i = j
        i += 1
    open(doc, "w", encoding="utf-8").write("\n".join(out))


for name in sys.argv[1:] or ["docs/extending.md"]:
    sync(os.path.join(ROOT, name))
