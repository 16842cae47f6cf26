#!/bin/sh
# Regenerates assets/fonts/NotoSansCJKsc-Bold-subset.otf, the only font the project ships: the
# glyphs the tray's lettered pictures need (src/samples/texts.rs), cut from Debian's
# fonts-noto-cjk with fontTools' pyftsubset, so that 20 MB of CJK font never enter the repository.
#
#   scripts/subset-font.sh            # needs python3 (venv) and Debian's fonts-noto-cjk
#
# After adding a Chinese character to a picture, add it to CJK below and run this again:
# `cargo test --test samples` fails while a drawn character has no glyph in the subset.
set -eu
cd "$(dirname "$0")/.."

SOURCE=${SOURCE:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}
# fontTools is pinned so the subset comes out byte for byte the same on every machine.
FONTTOOLS=4.68.0
VENV=${VENV:-/tmp/hashwall-fonttools-$FONTTOOLS}
OUT=assets/fonts/NotoSansCJKsc-Bold-subset.otf
# The collection's fonts are JP, KR, SC, TC, HK, then the Mono ones: number 2 is Simplified Chinese.
FONT_NUMBER=2
# Every Chinese character drawn on a tray picture. Printable ASCII comes whole (it costs little),
# so English lines and prices can change without a new subset.
CJK='纪念六四学生民主运动月日晚上八点维园老街面馆牛肉拉番茄鸡蛋酸辣粉元'

if [ ! -f "$SOURCE" ]; then
    echo "subset-font: $SOURCE is missing: apt-get install fonts-noto-cjk" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/pyftsubset" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "fonttools==$FONTTOOLS"
fi

"$VENV/bin/pyftsubset" "$SOURCE" \
    --font-number=$FONT_NUMBER \
    --text="$CJK" \
    --unicodes=U+0020-007E \
    --layout-features='' \
    --no-hinting \
    --notdef-outline \
    --name-IDs='*' \
    --name-languages='*' \
    --output-file="$OUT"
echo "wrote $OUT ($(wc -c < "$OUT") bytes)"
