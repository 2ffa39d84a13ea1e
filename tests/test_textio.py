"""textio: detection order, supersets, newline/BOM round trips, atomic writes."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from papercli import atomic, hanread, textio, units

TEXT = "鄂尔多斯市公安局紧盯目标任务，以专项活动推动业务工作。\n形成学习体系。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "method", "bom"),
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8", "bom", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", "bom", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", "bom", True),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le", "bom", True),
        (TEXT.encode(), "utf-8", "utf-8", False),
        ((TEXT * 10).encode("gbk"), "gb18030", "chardet", False),  # > 512 bytes: chardet
    ],
)
def test_detection_order(data: bytes, encoding: str, method: str, bom: bool) -> None:
    decoded = textio.decode_bytes(data, name="x")
    assert (decoded.encoding, decoded.method, decoded.bom) == (encoding, method, bom)
    assert decoded.text.startswith("鄂尔多斯")
    assert not decoded.text.startswith("\ufeff")


def test_chardet_is_only_consulted_for_non_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    def fail(data: bytes) -> dict[str, object]:
        raise AssertionError("chardet called")

    monkeypatch.setattr(chardet, "detect", fail)
    assert textio.decode_bytes(TEXT.encode(), name="x").encoding == "utf-8"


def test_chardet_sees_a_bounded_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    sizes: list[int] = []
    real = chardet.detect

    def spy(data: bytes) -> object:
        sizes.append(len(data))
        return real(data)

    monkeypatch.setattr(chardet, "detect", spy)
    big = (TEXT * 5000).encode("gb18030")
    assert len(big) > textio.DETECT_PREFIX_BYTES
    assert textio.decode_bytes(big, name="x").encoding == "gb18030"
    assert sizes == [textio.DETECT_PREFIX_BYTES]


def test_low_confidence_is_an_error_suggesting_gb18030() -> None:
    with pytest.raises(textio.InputError, match=r"x: not UTF-8 .* offset 0.*--encoding gb18030"):
        textio.decode_bytes(b"\xa4", name="x")


# Traditional text of the 1930s, stored as GB18030 the way mainland archives
# often keep it: chardet's GB model (trained on Simplified text) is unsure of it.
TRADITIONAL = (
    "（重慶廿日電）國民政府今日頒佈命令、特派專員前往各省視察賑濟事宜、"
    "並電令各縣長官協同辦理、務使災民早日復業云。\n"
)


def test_traditional_text_in_gb18030_is_read_by_its_common_characters() -> None:
    import chardet

    data = TRADITIONAL.encode("gb18030")
    assert chardet.detect(data)["confidence"] < textio.CONFIDENCE_FLOOR
    decoded = textio.decode_bytes(data, name="x")
    assert (decoded.encoding, decoded.method, decoded.text) == (
        "gb18030",
        textio.COMMON_HAN,
        TRADITIONAL,
    )
    assert decoded.confidence >= hanread.COMMON_HAN_SHARE


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café était fermé; une crème brûlée à côté. Über die Brücke, naïve. ", "latin-1"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю. ", "koi8-r"),
        ("東京で新しい本を買いました。とても面白いです。日本語の文章です。", "shift_jis"),
        ("서울에서 새 책을 샀습니다. 아주 재미있습니다. 한국어 문장입니다.", "euc-kr"),
    ],
)
def test_no_chinese_reading_is_forced_on_other_scripts(text: str, encoding: str) -> None:
    for data in (text.encode(encoding), (text * 10).encode(encoding)):
        assert hanread.by_common_han(data, final=True) is None


def test_two_plausible_readings_are_refused() -> None:
    # Ten Simplified characters whose GB18030 bytes read in Big5 as ten common
    # Traditional ones (弊鏍葬踏…): too little text to choose, so an error.
    data = "国民府今颁布命令派往".encode("gb18030")
    assert hanread.by_common_han(data, final=True) is None
    with pytest.raises(textio.InputError, match="--encoding gb18030"):
        textio.decode_bytes(data, name="x")


def test_a_prefix_cut_inside_a_character_still_reads() -> None:
    cut = TRADITIONAL.rstrip().encode("gb18030")[:-1]  # half of the final 。
    assert hanread.by_common_han(cut, final=False) == ("gb18030", 1.0)
    assert hanread.by_common_han(cut, final=True) is None


def test_override_honours_bom_and_reports_bad_offset() -> None:
    decoded = textio.decode_bytes(codecs.BOM_UTF8 + b"abc", name="x", encoding="utf-8")
    assert (decoded.text, decoded.bom, decoded.method) == ("abc", True, "override")
    with pytest.raises(textio.InputError, match="offset 3"):
        textio.decode_bytes(b"abc\xff", name="x", encoding="utf-8")
    with pytest.raises(textio.InputError, match="unknown encoding"):
        textio.decode_bytes(b"abc", name="x", encoding="nope")


def test_newlines_detected_normalised_and_restored() -> None:
    data = "甲\r\n乙\r\n".encode()
    decoded = textio.decode_bytes(data, name="x")
    assert (decoded.text, decoded.newline, decoded.info()["newline"]) == (
        "甲\n乙\n",
        "\r\n",
        "CRLF",
    )
    assert textio.encode_text(decoded.text, encoding="utf-8", newline="\r\n") == data
    back = textio.encode_text("甲\n", encoding="utf-16-le", bom=True)
    assert back == codecs.BOM_UTF16_LE + "甲\n".encode("utf-16-le")


def test_a_doubled_cr_before_lf_is_one_newline_and_written_back_as_read() -> None:
    # A CRLF file re-saved through a text-mode layer: every CR of its CRLFs doubled.
    data = "甲\r\r\n乙\r\r\n".encode()
    decoded = textio.decode_bytes(data, name="x")
    assert (decoded.text, decoded.newline, decoded.info()["newline"]) == (
        "甲\n乙\n",
        "\r\r\n",
        "CRCRLF",
    )
    assert textio.encode_text(decoded.text, encoding="utf-8", newline=decoded.newline) == data
    # A lone CR (the old Mac newline) and CRLF keep their meaning; a CR before a
    # doubled one is a lone CR.
    assert units.normalize_newlines("a\rb\r\nc\r\r\nd\r\r\r\ne\r\rf") == "a\nb\nc\nd\n\ne\n\nf"
    assert textio.detect_newline("a\r\r\nb\r\r\nc\r\n") == "\r\r\n"

def test_empty_and_binary() -> None:
    assert textio.decode_bytes(b"", name="x").method == "empty"
    with pytest.raises(textio.InputError, match="binary"):
        textio.decode_bytes(b"text\x00more", name="x")


def test_atomic_write_new_file_mode_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.atomic_write(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_atomic_write_keeps_owner_group_and_setgid(tmp_path: Path) -> None:
    path = tmp_path / "theirs.txt"
    path.write_bytes(b"old")
    os.chown(path, 65534, 65534)
    path.chmod(0o2640)
    atomic.atomic_write(path, b"new")
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (65534, 65534, 0o2640)
    assert path.read_bytes() == b"new"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_backup_keeps_the_owner_group_and_mode_of_the_original(tmp_path: Path) -> None:
    """As root, `-i --backup` gave the page back to its owner but the backup to
    root: with mode 0640 the owner could no longer read their own original."""
    path = tmp_path / "theirs.txt"
    path.write_bytes(b"old")
    os.chown(path, 65534, 65534)
    path.chmod(0o2640)
    atomic.atomic_write(path, b"new", backup=".orig")
    info = (tmp_path / "theirs.txt.orig").stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (65534, 65534, 0o2640)
    assert (tmp_path / "theirs.txt.orig").read_bytes() == b"old"


# A POSIX ACL as the kernel stores it: version 2, then (tag, permissions, id) per
# entry; this one lets user 65534 (nobody) read and write, besides the mode bits.
ACL_NOBODY_RW = b"".join(
    [b"\x02\x00\x00\x00"]
    + [
        tag.to_bytes(2, "little") + perm.to_bytes(2, "little") + uid.to_bytes(4, "little")
        for tag, perm, uid in (
            (0x01, 6, 0xFFFFFFFF),  # owner
            (0x02, 6, 65534),  # user nobody
            (0x04, 4, 0xFFFFFFFF),  # group
            (0x10, 6, 0xFFFFFFFF),  # mask
            (0x20, 4, 0xFFFFFFFF),  # other
        )
    ]
)


@pytest.mark.parametrize(
    ("name", "value"),
    [("user.archive.source", b"scan 1939-05-02"), ("system.posix_acl_access", ACL_NOBODY_RW)],
    ids=["user", "acl"],
)
def test_atomic_write_keeps_extended_attributes(tmp_path: Path, name: str, value: bytes) -> None:
    """-i replaced a file by a new one with none of its extended attributes: an ACL
    that let a colleague edit the page was gone, and so were a user's own tags."""
    path = tmp_path / "page.txt"
    path.write_bytes(b"old")
    path.chmod(0o664)
    try:
        os.setxattr(path, name, value)
    except OSError as exc:
        pytest.skip(f"no {name} here: {exc.strerror}")
    atomic.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.getxattr(path, name) == value
    assert path.stat().st_mode & 0o777 == 0o664


def test_a_backup_replaces_a_link_in_its_place_not_what_it_points_to(tmp_path: Path) -> None:
    """`-i --backup .orig page.txt` with a symlink `page.txt.orig -> precious.txt`
    (left by another tool) copied the page over precious.txt."""
    path = tmp_path / "page.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"precious")
    (tmp_path / "page.txt.orig").symlink_to("precious.txt")
    atomic.atomic_write(path, b"new", backup=".orig")
    assert precious.read_bytes() == b"precious"
    backup = tmp_path / "page.txt.orig"
    assert not backup.is_symlink() and backup.read_bytes() == b"old"
    assert backup.stat().st_mode & 0o777 == 0o640
    assert path.read_bytes() == b"new"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["page.txt", "page.txt.orig", "precious.txt"]


def test_atomic_write_keeps_symlink(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    atomic.atomic_write(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_bytes() == b"new"


@pytest.mark.parametrize("stem", ["中" * 80, "a" * 251, "\udcd6\udcd0" * 120])
def test_atomic_write_to_a_name_near_the_limit(tmp_path: Path, stem: str) -> None:
    # The temp file was named `.NAME.XXXXXXXX.tmp`, 14 bytes longer than NAME: a page
    # named by a long headline (80 Han characters, 244 bytes) could not be cleaned
    # in place (`File name too long`), nor written with -o.
    path = tmp_path / f"{stem}.txt"
    assert len(os.fsencode(path.name)) > 255 - 14
    path.write_bytes(b"old")
    atomic.atomic_write(path, b"new")
    atomic.atomic_write(tmp_path / f"{stem}.out", b"made")
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, f"{stem}.out"])
    # A temp file stays hidden (a later -r skips it) and names its file's start.
    with atomic.AtomicOutput(path) as out:
        temp = Path(out.tmp).name
        assert temp.startswith(f".{stem[:20]}") and temp.endswith(".tmp")
        out.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, f"{stem}.out"])


def test_write_new_file_never_follows_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    (tmp_path / "dir").mkdir()
    link = tmp_path / "dir" / "a.txt"
    link.symlink_to(outside)
    with pytest.raises(FileExistsError):
        atomic.write_new_file(link, b"evil", force=False)
    atomic.write_new_file(link, b"new", force=True)
    assert outside.read_bytes() == b"precious"
    assert not link.is_symlink() and link.read_bytes() == b"new"


def test_a_path_to_an_open_descriptor_is_never_replaced(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    assert atomic.names_a_descriptor(link) and atomic.names_a_descriptor("/proc/self/fd/1")
    assert not atomic.names_a_descriptor(tmp_path / "plain.txt")
    with pytest.raises(textio.OutputError, match="open file descriptor"):
        atomic.atomic_write(link, b"x")
    for force in (False, True):
        with pytest.raises(OSError, match="open file descriptor"):
            atomic.write_new_file(link, b"x", force=force)
    assert link.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_unicode_without_bom_is_told_from_binary(codec: str) -> None:
    # No BOM, and NUL bytes on both parities (一 is U+4E00): recognised by what it
    # decodes to, so the page is cleaned instead of refused as binary. UTF-32 read
    # as UTF-16 has a NUL in every other unit, and is tried next.
    text = "第一行，正文一二三。\n第二行：2019年。\n"
    decoded = textio.decode_bytes(text.encode(codec), name="p.txt")
    assert decoded.encoding == codec
    assert decoded.method == codec[:6] + " shape (no BOM)"
    assert decoded.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_wide_unicode_without_bom_reads_a_page_of_symbols(codec: str) -> None:
    # An old advertisement parts its items with ○, a list counts ①②, a report
    # gives ℃ and ×: symbols a page sets among its Han, not binary (fuzz7: one
    # ○ in ten characters had the page refused as a binary file).
    text = "本號專售○綢緞呢絨○\n貨真價實○童叟無欺○\n①氣溫25℃②3×4米\n"
    decoded = textio.decode_bytes(text.encode(codec), name="p.txt")
    assert decoded.encoding == codec
    assert decoded.text == text


ENGLISH_BODY = (
    "The first ferry leaves the east bank at six, while the mist still lies on the "
    "water, and the gulls lift from the pier as it pulls away from the shore.\n\n"
) * 5


@pytest.mark.parametrize(
    ("codec", "head", "byline"),
    [("gb18030", "国际河流论坛开幕", "（记者 周敏）"), ("big5hkscs", "春耕正忙", "（記者 周敏）")],
)
def test_english_page_with_a_chinese_headline_reads_in_its_chinese_codec(
    codec: str, head: str, byline: str
) -> None:
    # Few high bytes: chardet guessed Latin-1 at 0.2-0.35 and the headline came
    # out as `¹úŒÊºÓÁ÷` (fuzz7). Its bytes read as common Han, in pairs of high bytes.
    text = head + "\n\n" + ENGLISH_BODY + "\u3000\u3000" + byline + "\n"
    decoded = textio.decode_bytes(text.encode(codec), name="p.txt")
    assert decoded.encoding == codec
    assert decoded.text == text


@pytest.mark.parametrize(
    ("codec", "doubted"),
    [("windows-1252", True), ("iso8859-15", True), ("cp858", True), ("euc-kr", False)],
)
def test_only_a_single_byte_guess_is_doubted(codec: str, doubted: bool) -> None:
    # chardet called a GB18030 page with a few Chinese lines cp858 at 0.30 (fuzz7);
    # a multi-byte guess is never overruled: EUC-KR Hangul reads as common Han.
    assert textio.doubted_latin(codec, 0.3) is doubted
    assert not textio.doubted_latin(codec, 0.6)


def test_english_page_with_accents_stays_latin() -> None:
    text = ENGLISH_BODY + "Café crème, naïve résumé at 25°C, Äpfel, ± 3 µm, £250.\n"
    decoded = textio.decode_bytes(text.encode("cp1252"), name="p.txt")
    assert decoded.encoding in ("cp1252", "iso8859-15", "latin-1")
    assert decoded.text == text


def test_ascii_with_a_stray_nul_is_still_binary() -> None:
    # Pairs of ASCII bytes decode to Han code points as UTF-16, but not to a newline.
    with pytest.raises(textio.InputError, match="binary"):
        textio.decode_bytes(b"hello\x00world, more text here!!\n", name="x.txt")


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("hz", TEXT),
        ("iso2022_jp_2", TEXT),  # `ESC $ A` switches to GB2312
        ("iso2022_jp_2", "東京都は今年も古い住宅の改修事業を進め、\n住民の要望を反映する。\n"),
        ("iso2022_kr", "서울시는 올해 노후 주택 개량 사업을 계속 추진하고\n주민들의 요구.\n"),
    ],
)
def test_seven_bit_cjk_encodings_are_read_by_their_escapes(codec: str, text: str) -> None:
    # All ASCII, so UTF-8 reads them without error, as escape sequences; ISO-2022-KR
    # shifts with SO/SI, which read as binary.
    data = text.encode(codec)
    assert data.isascii()
    decoded = textio.decode_bytes(data, name="mail.txt")
    assert (decoded.encoding, decoded.method, decoded.text) == (codec, "7-bit escapes", text)


@pytest.mark.parametrize(
    "data",
    [
        b"\\def\\x~{a~}\\begin{document} a~{b} ~{x~}\n",  # TeX: a character or two
        b"perl -e 'print ~{abcd~}'\n" * 3,
        b"\x1b[31mred\x1b[0m and \x1b$ alone\n",  # terminal colours, an escape that is no switch
    ],
)
def test_ascii_with_a_stray_escape_stays_utf8(data: bytes) -> None:
    decoded = textio.decode_bytes(data, name="x.txt")
    assert (decoded.encoding, decoded.method) == ("utf-8", "utf-8")


@pytest.mark.parametrize("body", [ENGLISH_BODY[: len(ENGLISH_BODY) // 5], ENGLISH_BODY])
@pytest.mark.parametrize("mark", ["□", "■", "○", "★"])
def test_english_page_with_a_symbol_by_its_chinese_line_reads_in_its_codec(
    body: str, mark: str
) -> None:
    # An OCR engine's □ for a character it could not read (or a byline's ■, an
    # item's ○ or ①) by a Chinese byline counted as an odd character, so no
    # Chinese reading was plain and the byline came out as `¡õ ±¾±¨ÆÀÂÛÔ±` (fuzz7).
    text = body + mark + " 本报评论员\n"
    decoded = textio.decode_bytes(text.encode("gb18030"), name="p.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text == text


def test_english_page_with_a_per_mille_rate_reads_in_its_chinese_codec() -> None:
    # GB18030 sets ‰ (A1EB) among its Han, as it does ℃; Big5 has no ‰ and reads
    # those bytes as ㏑. Taken for an odd character, the page's GB reading was not
    # plain and chardet's Mac Roman guess read the Chinese lines as `°ı ±æ±®∆¿¬€‘±` (fuzz11).
    text = ENGLISH_BODY + "□ 本报评论员\n\n利率上调 419.94‰，今日起执行。\n"
    decoded = textio.decode_bytes(text.encode("gb18030"), name="p.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "hinted"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00\x01\x00", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", False),
        ("正文 text\x00 more".encode(), False),  # a NUL in UTF-8 text
        ("hello, world 文".encode("utf-16-le")[:-2] + b"\x00\x00\x01\x00", True),
    ],
)
def test_binary_error_hints_utf16_only_where_the_nuls_say_so(data: bytes, hinted: bool) -> None:
    """An executable was told "UTF-16 without a BOM? try --encoding utf-16-le"."""
    with pytest.raises(textio.InputError) as error:
        textio.sniff_codec(data, "f.bin")
    assert str(error.value).startswith("f.bin: looks like a binary file")
    assert ("--encoding utf-16-le" in str(error.value)) == hinted
