"""A small PDF writer for test documents: CJK text in a non-embedded Adobe-GB1 font
(UniGB-UCS2-H, with a ToUnicode map so that text extraction does not depend on poppler-data's
CMaps) and ruled tables drawn as stroked lines, the way word processors export them.

Only the standard library; used by scripts/make-final-account.py.
"""

import zlib

A4 = (595.0, 842.0)


def char_width(ch, size):
    """Advance of one character: half-width for ASCII (Adobe-GB1 CIDs 1-95), full otherwise."""
    return size * (0.5 if ord(ch) < 0x7F else 1.0)


def text_width(text, size):
    return sum(char_width(c, size) for c in text)


def wrap(text, width, size):
    """Splits text into lines no wider than width (CJK text breaks anywhere; a number is not split)."""
    lines, line, w = [], "", 0.0
    i = 0
    while i < len(text):
        # keep a run of ASCII digits/punctuation together
        j = i + 1
        if text[i].isascii() and text[i].isalnum():
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".,%"):
                j += 1
        token = text[i:j]
        tw = text_width(token, size)
        if line and w + tw > width:
            lines.append(line)
            line, w = "", 0.0
        line += token
        w += tw
        i = j
    if line:
        lines.append(line)
    return lines or [""]


class Page:
    def __init__(self, size=A4):
        self.width, self.height = size
        self.ops = []

    def text(self, x, top, s, size=10.5):
        """Draws s with its top at `top` points from the page's top."""
        if not s:
            return
        y = self.height - top - size * 0.88
        hexed = s.encode("utf-16-be").hex().upper()
        self.ops.append(f"BT /F1 {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{hexed}> Tj ET")

    def line(self, x0, top0, x1, top1, width=0.5):
        self.ops.append(
            f"{width:g} w {x0:.2f} {self.height - top0:.2f} m {x1:.2f} {self.height - top1:.2f} l S")

    def content(self):
        return "\n".join(self.ops).encode("ascii")


def write(path, pages, title=""):
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font_widths = "[1 [" + " ".join(["500"] * 95) + "]]"
    to_unicode = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    tu = add(stream(to_unicode))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(
        ("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
         "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
         f"/FontDescriptor {descriptor} 0 R /DW 1000 /W {font_widths} >>").encode())
    font = add(
        (f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
         f"/DescendantFonts [{cid} 0 R] /ToUnicode {tu} 0 R >>").encode())
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for page in pages:
        c = add(stream(page.content(), compress=True))
        kids.append(add(
            (f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {page.width:g} {page.height:g}] "
             f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {c} 0 R >>").encode()))
    assert add(
        (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>").encode()) == pages_id
    info = add(b"<< /Producer (Disclosure test writer) /Title <" + ("\ufeff" + title).encode("utf-16-be").hex().encode() + b"> >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())

    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    with open(path, "wb") as f:
        f.write(out)


def stream(data, compress=False):
    if compress:
        data = zlib.compress(data, 9)
        return f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


class Flow:
    """Lays out headings, paragraphs and tables down A4 pages."""

    def __init__(self, margin=72.0, bottom=780.0):
        self.pages = []
        self.margin = margin
        self.bottom = bottom
        self.new_page()

    @property
    def page_number(self):
        return len(self.pages)

    def new_page(self):
        self.page = Page()
        self.pages.append(self.page)
        self.top = 72.0

    def need(self, height):
        if self.top + height > self.bottom:
            self.new_page()

    def centered(self, s, size=16, gap=12):
        self.need(size + gap)
        w = text_width(s, size)
        self.page.text((self.page.width - w) / 2, self.top, s, size)
        self.top += size + gap

    def heading(self, s, size=12, gap=10):
        self.need(size + gap + 24)
        self.page.text(self.margin, self.top, s, size)
        self.top += size + gap

    def paragraph(self, s, size=12, leading=21):
        width = self.page.width - 2 * self.margin
        lines = wrap("\u3000\u3000" + s, width, size)
        for line in lines:
            self.need(leading)
            self.page.text(self.margin, self.top, line, size)
            self.top += leading
        self.top += 2

    def right(self, s, size=10.5, gap=6):
        w = text_width(s, size)
        self.page.text(self.page.width - self.margin - w, self.top, s, size)
        self.top += size + gap

    def table(self, widths, rows, header_rows=1, size=9, amount_columns=(), padding=3):
        """rows: one entry per column; a cell is a string or (string, colspan, rowspan); None is a
        position covered by a span. Columns in amount_columns are right-aligned in body rows."""
        x0 = (self.page.width - sum(widths)) / 2
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        leading = size + 3
        # row heights from wrapped text (spanning cells wrap over their width)
        heights = []
        for row in rows:
            h = leading + 2 * padding
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                text, cs, rs = cell if isinstance(cell, tuple) else (cell, 1, 1)
                lines = wrap(text, xs[c + cs] - xs[c] - 2 * padding, size)
                if rs == 1:
                    h = max(h, len(lines) * leading + 2 * padding)
            heights.append(h)
        header_height = sum(heights[:header_rows])
        r = 0
        while r < len(rows):
            # one page's worth of rows; the header repeats on each page
            self.need(header_height + heights[min(r, len(rows) - 1)] + 4)
            if r > 0 and r >= header_rows:
                segment = list(range(header_rows))
            else:
                segment = []
            avail = self.bottom - self.top - sum(heights[i] for i in segment)
            while r < len(rows) and (heights[r] <= avail or r < header_rows):
                segment.append(r)
                avail -= heights[r]
                r += 1
            self._draw(xs, rows, heights, segment, header_rows, size, leading, padding, amount_columns)
        self.top += 6

    def _draw(self, xs, rows, heights, segment, header_rows, size, leading, padding, amount_columns):
        page = self.page
        tops = {}
        y = self.top
        for i in segment:
            tops[i] = y
            y += heights[i]
        end = y
        segments = set()
        for i in segment:
            for c, cell in enumerate(rows[i]):
                if cell is None:
                    continue
                text, cs, rs = cell if isinstance(cell, tuple) else (cell, 1, 1)
                span_rows = [k for k in segment if i <= k < i + rs]
                top = tops[i]
                bottom = top + sum(heights[k] for k in span_rows)
                left, right = xs[c], xs[c + cs]
                for s in ((left, top, right, top), (left, bottom, right, bottom), (left, top, left, bottom),
                          (right, top, right, bottom)):
                    segments.add(tuple(round(v, 2) for v in s))
                lines = wrap(text, right - left - 2 * padding, size)
                block = len(lines) * leading
                ty = top + (bottom - top - block) / 2 + 1.5
                for line in lines:
                    w = text_width(line, size)
                    if i < header_rows:
                        tx = (left + right - w) / 2
                    elif c in amount_columns:
                        tx = right - padding - w
                    else:
                        tx = left + padding
                    page.text(tx, ty, line, size)
                    ty += leading
        for s in sorted(segments):
            page.line(*s)
        self.top = end
