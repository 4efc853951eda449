#!/usr/bin/env python3
"""Rewrites Export-Package of the given bundles from the packages found in src/ and src-gen/.

Packages named *.internal* are exported with x-internal:=true (usable by our tests, discouraged elsewhere).
Run after adding a package: releng/exports.py bundles/org.multitunnel.wire ...
"""
import os, re, sys

for bundle in sys.argv[1:]:
    pkgs = set()
    for root in ("src", "src-gen"):
        base = os.path.join(bundle, root)
        for d, _, files in os.walk(base):
            if any(f.endswith(".java") for f in files):
                pkgs.add(os.path.relpath(d, base).replace(os.sep, "."))
    mf = os.path.join(bundle, "META-INF", "MANIFEST.MF")
    text = open(mf).read()
    text = re.sub(r"Export-Package:.*?(?=\n\S|\Z)", "", text, flags=re.S).rstrip("\n") + "\n"
    if pkgs:
        entries = [p + (";x-internal:=true" if ".internal" in p else "") for p in sorted(pkgs)]
        text += "Export-Package: " + ",\n ".join(entries) + "\n"
    open(mf, "w").write(text)
    print(mf, len(pkgs), "packages")
