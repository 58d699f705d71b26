"""Small real images for the replica: PNG, GIF and JPEG files a browser draws, made in code.

The replica's pages show photos (/uploadfile/…/NAME.jpg) and the layout's decoration
(/images/logo.gif, menu_bg.gif, top_bg.jpg …); an archived page shows them from the archive, so
they must be images, not stubs. No imaging library: each format is written by hand from its
specification, small enough to read:

- PNG (ISO/IEC 15948): IHDR, one IDAT of zlib-compressed rows (filter 0), IEND; CRC-32s.
- GIF89a: a global colour table of 16 colours and LZW data in which a clear code comes every
  12 pixels, so that every code is 5 bits wide (a valid, if uncompressed, stream).
- JPEG (ITU T.81, baseline, JFIF): every 8×8 block one flat colour, so each block is its DC
  coefficient and an end-of-block: no DCT needed. Pictures are drawn on an 8-pixel grid, so
  they look as drawn.

`image_bytes(path)` -> the bytes for a path of the replica, by its extension (.jpg, .gif,
.png); the picture is chosen from the path (a photo of a port: sky, sea, a ship with containers
and a crane, its colours and places varied by the path's hash; or a decoration sized as the
layout uses it), so that two paths give two files.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import PurePosixPath

Pixel = tuple[int, int, int]
PALETTE: list[Pixel] = [
    (10, 76, 140), (33, 110, 180), (120, 170, 220), (170, 205, 235), (205, 225, 245),
    (255, 255, 255), (30, 60, 90), (16, 90, 130), (40, 120, 160), (200, 60, 50),
    (230, 160, 40), (60, 150, 90), (90, 90, 100), (220, 220, 210), (240, 200, 80), (0, 0, 0)]


# ---- pictures: (width, height, colour index at x, y) ------------------------------------

def _photo(seed: bytes):
    """A port at 320×200, on an 8-pixel grid: sky in bands, sea, a hull with containers, a
    crane; places and colours from the seed."""
    w, h = 320, 200
    ship_x = 40 + 8 * (seed[0] % 12)
    crane_x = 8 * (2 + seed[1] % 4) if ship_x > 120 else 8 * (30 + seed[1] % 6)
    boxes = [(9, 10, 11, 14)[(seed[2 + i] % 4)] for i in range(12)]

    def at(x: int, y: int) -> int:
        cx, cy = x // 8, y // 8
        if cy >= 17:  # sea, with a lighter wave line
            return 8 if (cy == 18 and (cx + seed[3]) % 5 == 0) else 7
        sx = (x - ship_x) // 8
        if 0 <= sx < 20 and cy in (15, 16) and not (cy == 16 and sx in (0, 19)):
            return 6  # the hull
        if 0 <= sx < 14 and 12 <= cy <= 14 and sx >= 2:
            return boxes[(sx - 2 + 4 * (cy - 12)) % 12]  # containers, three rows
        if 14 <= sx < 18 and 10 <= cy <= 14:
            return 13  # the bridge
        kx = (x - crane_x) // 8
        if (kx == 0 and 3 <= cy <= 16) or (cy == 3 and -2 <= kx <= 6) or \
                (kx == 5 and 4 <= cy <= 6):
            return 10  # the crane's tower, jib and hook
        return (4, 3, 3, 2, 2, 2)[min(cy // 3, 5)]  # sky, lighter at the horizon

    return w, h, at


DECORATIONS = {  # name: (width, height, rows of colour indexes top to bottom, repeated)
    "top_bg": (16, 96, (4, 4, 3, 3, 2)), "top_logo": (1000, 120, (0, 0, 1, 2)),
    "menu_bg": (8, 36, (1, 0, 0, 0)), "menu_line": (2, 36, (2,)),
    "left_title": (8, 30, (1, 0, 0)), "main_title": (8, 32, (4, 4, 4, 2)),
    "box_title": (8, 30, (4, 4, 4, 2)), "dot_line": (4, 1, (12,)),
    # The arrow and the dot are the same blue square (the page sizes each), as many sites'
    # icons are one file under two names: the archive keeps the same bytes once.
    "arrow": (7, 7, (0,)), "dot": (7, 7, (0,)), "home": (12, 12, (0,)),
}


def _decoration(name: str):
    if name == "logo":  # a blue roundel with a white wave
        def at(x, y):
            d = (x - 40) ** 2 + (y - 40) ** 2
            return 5 if d < 1600 and 36 <= y <= 44 else (0 if d < 1600 else 5)
        return 80, 80, at
    w, h, bands = DECORATIONS.get(name, (8, 8, (2,)))

    def band(x, y):
        return bands[min(y * len(bands) // h, len(bands) - 1)]

    return w, h, band


def picture(path: str):
    p = PurePosixPath(path.lower())
    if p.parts[:2] == ("/", "images") or "/images/" in path.lower():
        return _decoration(p.stem)
    return _photo(hashlib.sha256(path.encode()).digest())


# ---- encoders ------------------------------------------------------------------------------

def png(w: int, h: int, at) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(c for x in range(w) for c in PALETTE[at(x, y)])
                    for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def gif(w: int, h: int, at) -> bytes:
    clear, end, width = 16, 17, 5
    codes = []
    pixels = [at(x, y) for y in range(h) for x in range(w)]
    for i, index in enumerate(pixels):
        if i % 12 == 0:
            codes.append(clear)  # the table never grows: every code stays 5 bits
        codes.append(index)
    codes.append(end)
    bits = number = 0
    data = bytearray()
    for code in codes:
        number |= code << bits
        bits += width
        while bits >= 8:
            data.append(number & 0xFF)
            number >>= 8
            bits -= 8
    if bits:
        data.append(number & 0xFF)
    blocks = b"".join(bytes([len(data[i:i + 255])]) + data[i:i + 255]
                      for i in range(0, len(data), 255))
    table = b"".join(bytes(c) for c in PALETTE)
    return (b"GIF89a" + struct.pack("<HHBBB", w, h, 0xF3, 0, 0) + table
            + b"\x2c" + struct.pack("<HHHHB", 0, 0, w, h, 0) + b"\x04" + blocks + b"\x00;")


# Huffman tables: the standard luminance DC table (T.81 K.3); an AC table of two symbols, of
# which only end-of-block (0x00) is used.
_DC_BITS, _DC_VALS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0), tuple(range(12))
_AC_BITS, _AC_VALS = (0, 2) + (0,) * 14, (0x00, 0x01)


def _codes(bits, vals) -> dict[int, tuple[int, int]]:
    """{symbol: (code, length)}, canonical (T.81 C.2)."""
    codes, code, k = {}, 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def jpeg(w: int, h: int, at) -> bytes:
    dc, ac = _codes(_DC_BITS, _DC_VALS), _codes(_AC_BITS, _AC_VALS)
    out = bytearray()
    acc = nbits = 0

    def put(value: int, length: int):
        nonlocal acc, nbits
        acc = (acc << length) | (value & ((1 << length) - 1))
        nbits += length
        while nbits >= 8:
            byte = (acc >> (nbits - 8)) & 0xFF
            out.append(byte)
            if byte == 0xFF:
                out.append(0)  # byte stuffing
            nbits -= 8

    previous = [0, 0, 0]
    for by in range((h + 7) // 8):
        for bx in range((w + 7) // 8):
            r, g, b = PALETTE[at(min(bx * 8 + 4, w - 1), min(by * 8 + 4, h - 1))]
            ycc = (0.299 * r + 0.587 * g + 0.114 * b,
                   128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
                   128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
            for c in range(3):
                # A flat block's DC coefficient is 8 (value - 128); quantised by 8.
                value = round(ycc[c]) - 128
                diff, previous[c] = value - previous[c], value
                size = abs(diff).bit_length()
                put(*dc[size])
                if size:
                    put(diff if diff > 0 else diff - 1, size)
                put(*ac[0x00])  # end of block: every AC coefficient is 0
    if nbits:
        put((1 << (8 - nbits)) - 1, 8 - nbits)  # pad with 1 bits

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    def huffman(cls_id: int, bits, vals) -> bytes:
        return bytes([cls_id, *bits, *vals])

    return (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + bytes([8] * 64))
            + segment(0xC0, struct.pack(">BHHB", 8, h, w, 3)
                      + bytes([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]))
            + segment(0xC4, huffman(0x00, _DC_BITS, _DC_VALS)
                      + huffman(0x10, _AC_BITS, _AC_VALS))
            + segment(0xDA, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]))
            + bytes(out) + b"\xff\xd9")


ENCODERS = {".png": png, ".gif": gif, ".jpg": jpeg, ".jpeg": jpeg}


def image_bytes(path: str) -> bytes:
    """A real image for the replica's path (see the module's docstring); GIF for an
    extension it does not draw."""
    encode = ENCODERS.get(PurePosixPath(path.lower()).suffix, gif)
    return encode(*picture(path))
