"""How snapshots are stored: zstd, with a dictionary trained on the site's own pages.

Pages of one CMS share most of their bytes (menus, sidebar, footer, markup). A 32 KB zstd
dictionary trained on a few dozen of them lets each page compress to about a tenth of its size
at zstd's fast level 3, where plain zlib gets about a quarter.

`compression` column values: "zstd" (no dictionary, the first pages of a site), "zstd-dict"
(with the dictionary in `dictionaries` named by `dictionary_id`), "zlib" (archives written before
zstd). `decompress` gives back the original bytes of any of them.
"""

from __future__ import annotations

import zlib

import zstandard

DICTIONARY_SIZE = 32 * 1024
TRAINING_PAGES = 40   # a site's first pages, stored without a dictionary, then recompressed
LEVEL = 3             # with a dictionary, higher levels gain little and cost much more time
LEVEL_NO_DICTIONARY = 9

_compressors: dict[bytes | None, zstandard.ZstdCompressor] = {}
_decompressors: dict[bytes | None, zstandard.ZstdDecompressor] = {}


def _dict(dictionary: bytes | None):
    return zstandard.ZstdCompressionDict(dictionary) if dictionary else None


def compress(body: bytes, dictionary: bytes | None = None) -> tuple[bytes, str]:
    """(compressed bytes, compression name)."""
    compressor = _compressors.get(dictionary)
    if compressor is None:
        level = LEVEL if dictionary else LEVEL_NO_DICTIONARY
        compressor = _compressors[dictionary] = zstandard.ZstdCompressor(
            level=level, dict_data=_dict(dictionary), write_content_size=True)
    return compressor.compress(body), "zstd-dict" if dictionary else "zstd"


def decompress(content: bytes, compression: str, dictionary: bytes | None = None) -> bytes:
    if compression == "zlib":
        return zlib.decompress(content)
    if compression in ("zstd", "zstd-dict"):
        key = dictionary if compression == "zstd-dict" else None
        decompressor = _decompressors.get(key)
        if decompressor is None:
            decompressor = _decompressors[key] = zstandard.ZstdDecompressor(dict_data=_dict(key))
        return decompressor.decompress(content)
    if compression in ("", None, "none"):
        return content
    raise ValueError(f"unknown compression {compression!r}")


def train(samples: list[bytes]) -> bytes:
    return zstandard.train_dictionary(DICTIONARY_SIZE, samples).as_bytes()
