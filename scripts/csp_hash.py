#!/usr/bin/env python3
"""Trunk post-build hook: allow Trunk's inline loader script in the Content-Security-Policy.

Trunk writes an inline <script type="module"> that starts the wasm. A strict policy blocks
inline scripts unless their SHA-256 is listed, so this replaces INLINE_SCRIPT_HASHES in the
staged index.html with the hashes of exactly the inline scripts present.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("csp_hash.py runs as a Trunk hook (TRUNK_STAGING_DIR is not set)")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = sorted({
    "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
    for body in inline if body.strip()
})
if "INLINE_SCRIPT_HASHES" not in html:
    sys.exit("index.html has no INLINE_SCRIPT_HASHES placeholder in its policy")
html = html.replace("INLINE_SCRIPT_HASHES", " ".join(hashes))
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp_hash.py: {len(hashes)} inline script(s) allowed by hash")
