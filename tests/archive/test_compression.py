"""How snapshots are stored (portscraper/archive/compression.py): zstd frames that say their size,
the
site's dictionary really used (its pages cannot be read without it), and every stored form read
back. Against the mutants of compression.py (docs/mutation-testing.md)."""

from __future__ import annotations

import zlib

import pytest
import zstandard

from portscraper.archive.compression import compress, decompress, train

PAGES = [f"<html><body><p>第{n}号公告 茂名港集团召开会议</p><div>菜单 首页 新闻中心</div></body>"
         f"</html>".encode() * 20 for n in range(40)]


def test_frames_say_their_size_and_round_trip():
    for body in (b"", b"x", PAGES[0]):
        content, name = compress(body)
        assert name == "zstd" and zstandard.frame_content_size(content) == len(body)
        assert decompress(content, name) == body


def test_the_dictionary_is_used_and_needed():
    dictionary = train(PAGES)
    content, name = compress(PAGES[3], dictionary)
    assert name == "zstd-dict" and zstandard.frame_content_size(content) == len(PAGES[3])
    assert zstandard.get_frame_parameters(content).dict_id != 0
    assert decompress(content, name, dictionary) == PAGES[3]
    with pytest.raises(zstandard.ZstdError):
        decompress(content, "zstd")  # without its dictionary
    plain, _ = compress(PAGES[3])
    assert zstandard.get_frame_parameters(plain).dict_id == 0
    assert decompress(plain, "zstd", dictionary) == PAGES[3]  # a plain frame ignores it


def test_older_and_unknown_forms():
    assert decompress(zlib.compress(PAGES[1]), "zlib") == PAGES[1]
    for name in ("", None, "none"):
        assert decompress(b"raw", name) == b"raw"
    with pytest.raises(ValueError, match="unknown compression 'brotli'"):
        decompress(b"x", "brotli")
