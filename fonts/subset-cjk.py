#!/usr/bin/env python3
"""Make fonts/NotoSansCJK{sc,kr,jp}-{Regular,Bold}.otf from Debian's fonts-noto-cjk.

The Debian collections (NotoSansCJK-*.ttc) hold 65,535 glyphs per face and
weigh about 20 MB. A leaflet needs only the characters of everyday writing:

- sc, Chinese: the Han characters in GB 2312 or Big5 (15,441). The `locl`
  feature is kept, so shaping with language zh-Hant selects the Traditional
  glyph forms from this one face.
- kr, Korean: the 2,350 Hangul syllables of KS X 1001 and the Hangul
  compatibility jamo (ㄱ, ㅏ).
- jp, Japanese: hiragana and katakana, the 2,136 Jōyō kanji (Unihan's
  kJoyoKanji, from Debian's unicode-data) and the 2,965 kanji of JIS X 0208
  level 1. A rarer kanji is drawn from the Chinese face, shaped with the
  Japanese glyph forms its `locl` feature holds.

Each also has CJK punctuation and full-width forms; the Chinese and
Japanese faces also have the ASCII digits and punctuation (not its letters),
so that "每30分钟" takes its digits from the Chinese face rather than from
the clinic's Latin one.

Needs fontTools (pip install fonttools) and the .debs:
    apt-get download fonts-noto-cjk unicode-data
    dpkg-deb -x fonts-noto-cjk_*.deb deb && dpkg-deb -x unicode-data_*.deb deb
    python3 fonts/subset-cjk.py deb fonts [sc kr jp]
"""
import bz2
import sys
from fontTools import subset

# Faces in the collection: JP, KR, SC, TC, HK, then Mono.
FACES = {"jp": 0, "kr": 1, "sc": 2}


def encodable(codepoints, encoding, lead=None):
    """The characters of `codepoints` that `encoding` writes in two bytes,
    the first of them in `lead` when given."""
    chars = set()
    for cp in codepoints:
        try:
            b = chr(cp).encode(encoding)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and (lead is None or b[0] in lead):
            chars.add(cp)
    return chars


def han_characters():
    han = range(0x4E00, 0xA000)
    return encodable(han, "gb2312") | encodable(han, "big5")


def korean():
    jamo = set(range(0x3131, 0x318F))
    return encodable(range(0xAC00, 0xD7A4), "euc_kr") | jamo


def joyo_kanji(deb):
    path = f"{deb}/usr/share/unicode/Unihan_OtherMappings.txt.bz2"
    chars = set()
    for line in bz2.open(path, "rt", encoding="utf-8"):
        fields = line.split("\t")
        if len(fields) == 3 and fields[1] == "kJoyoKanji":
            chars.add(int(fields[0][2:], 16))
            if fields[2].startswith("U+"):
                chars.add(int(fields[2].strip()[2:], 16))
    return chars


def japanese(deb):
    kana = set(range(0x3040, 0x3100)) | set(range(0x31F0, 0x3200))
    level1 = encodable(range(0x4E00, 0xA000), "euc_jp", range(0xB0, 0xD0))
    return kana | joyo_kanji(deb) | level1


def main(deb, out_dir, regions):
    punctuation = set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    punctuation |= {0x00B7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                    0x2022, 0x2026, 0x25CB, 0x25CF}
    # ASCII less its letters and the space (a handout whose other letters are
    # all Latin is still set in the clinic's face).
    ascii_marks = {c for c in range(0x21, 0x7F) if not chr(c).isalpha()}
    letters = {"sc": han_characters, "kr": korean, "jp": lambda: japanese(deb)}
    for region in regions:
        marks = ascii_marks if region in ("sc", "jp") else set()
        unicodes = sorted(letters[region]() | punctuation | marks)
        for weight in ("Regular", "Bold"):
            options = subset.Options()
            options.font_number = FACES[region]
            options.layout_features = ["locl", "ccmp", "vert", "pwid", "fwid",
                                       "hwid", "halt", "palt"]
            source = f"{deb}/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
            font = subset.load_font(source, options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=unicodes)
            subsetter.subset(font)
            out = f"{out_dir}/NotoSansCJK{region}-{weight}.otf"
            subset.save_font(font, out, options)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or ["sc", "kr", "jp"])
