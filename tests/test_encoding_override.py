"""`--encoding` names how to read an input, and -i writes it back in exactly that
form: BOM-less UTF-16/32 gets the byte order its data shows (it crashed the
streamed path), and neither utf-16 nor utf-8-sig adds a BOM the file never had."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from papercli.commands import textrun

PAGE = (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8")
CLEAN = (ROOT / "samples/seed-page.clean.txt").read_text(encoding="utf-8")

# name: (--encoding, codec of the bytes, BOM)
FORMS: dict[str, tuple[str, str, bytes]] = {
    "utf-16-le": ("utf-16", "utf-16-le", b""),
    "utf-16-be": ("utf-16", "utf-16-be", b""),
    "utf-16-bom": ("utf-16", "utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16", "utf-16-be", codecs.BOM_UTF16_BE),
    "utf-32-le": ("utf-32", "utf-32-le", b""),
    "utf-32-be": ("utf-32", "utf-32-be", b""),
    "utf-8-sig-plain": ("utf-8-sig", "utf-8", b""),
    "utf-8-sig-bom": ("utf-8-sig", "utf-8", codecs.BOM_UTF8),
}


def encoded(text: str, form: str) -> bytes:
    _, codec, bom = FORMS[form]
    return bom + text.encode(codec)


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_encoding_override_reads_and_in_place_keeps_the_form(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, form: str, streamed: bool
) -> None:
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streamed else 1 << 40)
    name = FORMS[form][0]
    (work / "n.txt").write_bytes(encoded(PAGE, form))
    # stdout streams whatever the size; -o below the threshold takes the whole file.
    out = invoke("clean", "--encoding", name, "n.txt")
    assert (out.exit_code, out.stderr) == (0, "")
    assert out.stdout_bytes == CLEAN.encode()
    to_file = invoke("clean", "--encoding", name, "n.txt", "-o", "out.txt")
    assert to_file.exit_code == 0, to_file.stderr
    assert (work / "out.txt").read_bytes() == CLEAN.encode()
    assert invoke("clean", "--encoding", name, "--check", "n.txt").exit_code == 1
    rewritten = invoke("clean", "-i", "--encoding", name, "n.txt")
    assert rewritten.exit_code == 0, rewritten.stderr
    assert (work / "n.txt").read_bytes() == encoded(CLEAN, form)
    assert invoke("clean", "--encoding", name, "--check", "n.txt").exit_code == 0


@pytest.mark.parametrize("streamed", [False, True])
def test_a_failed_override_suggests_only_other_encodings(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streamed else 1 << 40)
    # 0x81 0x30 opens a four-byte GB18030 sequence that 0xff 0xff cannot finish.
    (work / "bad.txt").write_bytes("一页".encode("gb18030") + b"\x81\x30\xff\xff")
    out = invoke("clean", "--encoding", "GB2312", "bad.txt")
    assert out.exit_code == 2
    assert "at offset 4 as gb18030; try --encoding big5hkscs (or utf-16)\n" in out.stderr
    out = invoke("clean", "--encoding", "big5", "bad.txt")
    assert "try --encoding gb18030 (or cp950, utf-16)" in out.stderr


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("codec", ["hz", "iso2022_jp_2"])
def test_seven_bit_pages_are_detected_and_in_place_keeps_them(
    invoke: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch, codec: str, streamed: bool
) -> None:
    # No --encoding: found by their escapes (`~{`, `ESC $ A`), not read as ASCII.
    monkeypatch.setattr(textrun, "STREAM_MIN_BYTES", 0 if streamed else 1 << 40)
    (work / "n.txt").write_bytes(PAGE.encode(codec))
    out = invoke("clean", "n.txt")
    assert (out.exit_code, out.stderr) == (0, "")
    assert out.stdout_bytes == CLEAN.encode()
    rewritten = invoke("clean", "-i", "n.txt")
    assert rewritten.exit_code == 0, rewritten.stderr
    assert (work / "n.txt").read_bytes() == CLEAN.encode(codec)
    assert invoke("clean", "--check", "n.txt").exit_code == 0
