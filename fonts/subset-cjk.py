#!/usr/bin/env python3
"""Make fonts/NotoSansCJKsc-{Regular,Bold}.otf from Debian's fonts-noto-cjk.

The Debian collections (NotoSansCJK-*.ttc) hold 65,535 glyphs per face and
weigh about 20 MB. A leaflet in Chinese needs the Han characters of everyday
Simplified and Traditional writing: those in GB 2312 or Big5 (15,441), plus CJK
punctuation and full-width forms. The `locl` feature is kept, so shaping with
language zh-Hant selects the Traditional glyph forms from this one face.

Needs fontTools (pip install fonttools) and the .deb:
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb deb
    python3 fonts/subset-cjk.py deb/usr/share/fonts/opentype/noto fonts
"""
import sys
from fontTools import subset

SC_FACE = 2  # faces in the collection: JP, KR, SC, TC, HK, then Mono


def han_characters():
    chars = set()
    for cp in range(0x4E00, 0xA000):
        for encoding in ("gb2312", "big5"):
            try:
                chr(cp).encode(encoding)
                chars.add(cp)
                break
            except UnicodeEncodeError:
                pass
    return chars


def main(source_dir, out_dir):
    punctuation = set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    punctuation |= {0x00B7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                    0x2022, 0x2026, 0x25CB, 0x25CF}
    unicodes = sorted(han_characters() | punctuation)
    for weight in ("Regular", "Bold"):
        options = subset.Options()
        options.font_number = SC_FACE
        options.layout_features = ["locl", "ccmp", "vert", "pwid", "fwid",
                                   "hwid", "halt", "palt"]
        font = subset.load_font(f"{source_dir}/NotoSansCJK-{weight}.ttc", options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, f"{out_dir}/NotoSansCJKsc-{weight}.otf", options)


if __name__ == "__main__":
    main(*sys.argv[1:3])
