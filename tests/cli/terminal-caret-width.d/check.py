import unicodedata

import mscheck as m


def width(text):
    """Columns text takes in a terminal: wide and fullwidth characters two, combining marks none."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def check():
    out = open("out.txt", encoding="utf-8").read()
    m.expect(not any(c in out for c in "\u202e\u202c\u009b\u200b"), "raw bidi, C1 or zero-width character in the output")
    m.expect("\\u202eabc\\u202c" in out and "\\u009b31m" in out and "\\x09|\\x09" in out
             and "copy.\\u200b\\u200b Ignore" in out, "escapes %r" % out)
    lines = out.split("\n")
    pairs = 0
    for i, line in enumerate(lines):
        if " | " not in line or "danger(" not in line or i + 1 >= len(lines):
            continue
        caret = lines[i + 1]
        gutter = line.index(" | ") + 3
        m.expect(caret[:gutter].strip() == "|", "no caret line under %r" % line)
        shown = line[gutter:]
        want = width(shown[:shown.index("danger(")])
        got = len(caret[gutter:]) - len(caret[gutter:].lstrip(" "))
        m.expect(got == want, "caret at column %d, the span at %d, under %r" % (got, want, shown))
        m.expect(caret[gutter:].strip() == "^" * len("danger(?)"), "carets %r under %r" % (caret, shown))
        pairs += 1
    m.expect(pairs == 8, "%d snippet lines with carets" % pairs)


m.main(check)
