"""The report's JSON, written by compiled kernels (kernel.pick runs them): a compact dump
indented as json.dumps indents, and the figures' rows from their columns' Arrow buffers."""

from __future__ import annotations

from tradeaudit.solve.kernel import kernel


@kernel(fills=("out",))
def indented(src, out, step):
    """json.dumps(..., indent=step) from the same data printed compact (separators "," and
    ": "): a newline and the indent after each opening bracket and comma outside strings and
    before each closing one; empty brackets stay "[]" and "{}". UTF-8 bytes in, bytes out;
    with out empty, only counts. Returns the length."""
    fill = len(out) > 0
    at, depth, i, n = 0, 0, 0, len(src)
    in_text = False
    while i < n:
        ch = src[i]
        if fill:
            out[at] = ch
        at += 1
        i += 1
        if in_text:
            if ch == 92 and i < n:  # a backslash: the next byte is escaped, whatever it is
                if fill:
                    out[at] = src[i]
                at += 1
                i += 1
            elif ch == 34:
                in_text = False
            continue
        if ch == 34:
            in_text = True
            continue
        if (ch == 123 or ch == 91) and i < n and (src[i] == 125 or src[i] == 93):
            if fill:
                out[at] = src[i]
            at += 1
            i += 1
            continue
        if ch == 123 or ch == 91 or ch == 44:
            if ch != 44:
                depth += 1
        elif ch == 125 or ch == 93:
            depth -= 1
            at -= 1  # the bracket goes after the newline and indent
        else:
            continue
        if fill:
            out[at] = 10
            for k in range(depth * step):
                out[at + 1 + k] = 32
        at += 1 + depth * step
        if ch == 125 or ch == 93:
            if fill:
                out[at] = ch
            at += 1
    return at


@kernel(fills=("out",))
def json_rows(start, stop, data, quoted, glue, glue_ptr, out):
    """Rows of JSON text, ",\n" between them: row i is glue piece 0, cell (i, 0), piece 1,
    cell (i, 1), ..., the last piece; with K = len(quoted) cells a row, cell (i, k) is
    data[start[i * K + k]:stop[i * K + k]], written as
    it is or, where quoted[k], as json's string encoder writes it (ensure_ascii off: quotes
    around; backslash, quote and control characters escaped). With out empty, only counts.
    Returns the length."""
    fill = len(out) > 0
    at = 0
    hexdigits = "0123456789abcdef"
    cells = len(quoted)
    for i in range(len(start) // cells):
        if i:
            if fill:
                out[at], out[at + 1] = 44, 10
            at += 2
        for k in range(cells + 1):
            for b in range(glue_ptr[k], glue_ptr[k + 1]):
                if fill:
                    out[at] = glue[b]
                at += 1
            if k == cells:
                break
            if not quoted[k]:
                for b in range(start[i * cells + k], stop[i * cells + k]):
                    if fill:
                        out[at] = data[b]
                    at += 1
                continue
            if fill:
                out[at] = 34
            at += 1
            for b in range(start[i * cells + k], stop[i * cells + k]):
                ch = data[b]
                if ch == 34 or ch == 92:
                    if fill:
                        out[at], out[at + 1] = 92, ch
                    at += 2
                elif ch < 32:
                    short = (98 if ch == 8 else 102 if ch == 12 else 110 if ch == 10 else
                             114 if ch == 13 else 116 if ch == 9 else 0)
                    if short:
                        if fill:
                            out[at], out[at + 1] = 92, short
                        at += 2
                    else:  # \u00XX
                        if fill:
                            out[at], out[at + 1], out[at + 2], out[at + 3] = 92, 117, 48, 48
                            out[at + 4] = ord(hexdigits[ch // 16])
                            out[at + 5] = ord(hexdigits[ch % 16])
                        at += 6
                else:
                    if fill:
                        out[at] = ch
                    at += 1
            if fill:
                out[at] = 34
            at += 1
    return at
