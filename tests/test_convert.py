"""Script conversion and detection, against the real OpenCC (never mocked)."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from papercli import units
from papercli.changes import Change
from papercli.page import Block, BlockKind, Page
from papercli.steps import convert, opencc_configs
from papercli.steps.convert import (
    ScriptReport,
    convert_script,
    convert_text,
    detect_script,
    source_and_target,
)
from papercli.steps.opencc_configs import ALIASES, KNOWN_CONFIGS, get_converter, resolve_config
from papercli.steps.phrase_fixes import PHRASE_FIXES, PhraseFix, apply_phrase_fixes

SIMP = "我们的软件发展得很快，网络也更稳定了。"
TRAD = "這個圖書館的電腦很舊，資料也不全。"


def page_of(*paragraphs: str) -> Page:
    """A page with one paragraph block per argument, on source lines 1, 3, 5, ..."""
    return Page(
        tuple(
            Block(BlockKind.PARAGRAPH, (text,), 2 * i + 1, 2 * i + 1)
            for i, text in enumerate(paragraphs)
        )
    )


def test_doctests() -> None:
    result = doctest.testmod(convert)
    assert result.attempted > 0 and result.failed == 0


# --- configs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "config"),
    [("simplified", "t2s"), ("traditional", "s2t"), ("taiwan", "s2twp"), ("hongkong", "s2hk")],
)
def test_alias_resolves(alias: str, config: str) -> None:
    assert resolve_config(alias) == config
    assert resolve_config(alias.upper()) == config


@pytest.mark.parametrize("name", KNOWN_CONFIGS)
def test_config_names_pass_through(name: str) -> None:
    assert resolve_config(name) == name
    assert resolve_config(f"{name}.json") == name
    # Every advertised name must load in the installed opencc.
    assert get_converter(name).convert("") == ""


@pytest.mark.parametrize("name", ["klingon", "s2x", "", "t2s.txt", "../t2s"])
def test_unknown_config_lists_valid_names(name: str) -> None:
    with pytest.raises(ValueError, match="unknown conversion") as info:
        resolve_config(name)
    message = str(info.value)
    for valid in (*ALIASES, "t2s", "s2twp", "hk2s", "jp2t"):
        assert valid in message


def test_converter_is_built_once_and_shared_by_aliases() -> None:
    first = get_converter("s2twp")
    assert get_converter("s2twp") is first
    assert get_converter("taiwan") is first
    assert get_converter("s2twp.json") is first


def test_import_papercli_does_not_load_opencc() -> None:
    code = (
        "import sys, papercli, papercli.steps.convert, papercli.diagnose;"
        "print('opencc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- real conversions ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "config", "expected"),
    [
        (SIMP, "traditional", "我們的軟件發展得很快，網絡也更穩定了。"),
        (SIMP, "s2t", "我們的軟件發展得很快，網絡也更穩定了。"),
        # Taiwan phrases: 软件 -> 軟體, 网络 -> 網路.
        (SIMP, "taiwan", "我們的軟體發展得很快，網路也更穩定了。"),
        (SIMP, "hongkong", "我們的軟件發展得很快，網絡也更穩定了。"),
        # Regional character standards: 里 is 裏 (OpenCC, HK) but 裡 (Taiwan).
        ("说明书里面只有一页", "s2hk", "説明書裏面只有一頁"),
        ("说明书里面只有一页", "s2tw", "說明書裡面只有一頁"),
        (TRAD, "simplified", "这个图书馆的电脑很旧，资料也不全。"),
        (TRAD, "t2s", "这个图书馆的电脑很旧，资料也不全。"),
        (TRAD, "hk2s", "这个图书馆的电脑很旧，资料也不全。"),
        # tw2sp also turns Taiwan phrases into mainland ones; tw2s only the characters.
        ("這套軟體的資料庫很大。", "tw2sp", "这套软件的数据库很大。"),
        ("這套軟體的資料庫很大。", "tw2s", "这套软体的资料库很大。"),
        ("書在裏面", "t2tw", "書在裡面"),
        ("国語の学校", "jp2t", "國語の學校"),
        ("國語", "t2jp", "国語"),
    ],
)
def test_convert_text_real_opencc(text: str, config: str, expected: str) -> None:
    assert convert_text(text, config) == expected


def test_round_trip_of_unambiguous_text() -> None:
    assert convert_text(convert_text(SIMP, "s2t"), "t2s") == SIMP


# --- a line too long to convert at once ------------------------------------

# Real text, and phrases that hold Latin capitals, `-` and `·` (the only non-Han
# characters inside OpenCC's phrases), on one line.
ONE_LINE = " ".join(
    [
        (ROOT / "samples/seed-page.txt").read_text(encoding="utf-8").replace("\n", ""),
        SIMP, TRAD, "这项技术被发明了。", "这套软件的数据库很大，U盘也是。",
        "伯克希尔-哈撒韦公司；SQL注入攻击：PN结。", "亚历杭德罗·冈萨雷斯·伊纳里图!",
    ]
)


@pytest.mark.parametrize("config", KNOWN_CONFIGS)
def test_no_opencc_phrase_runs_across_a_cut_mark(config: str) -> None:
    # The premise of `convert.pieces`, checked on the installed OpenCC: cut after
    # every mark, the pieces convert to what the whole line converts to.
    cut = re.split(f"(?<=[{units.CUT_MARKS}])", ONE_LINE)
    assert len(cut) > 300
    converter = get_converter(config)
    assert "".join(map(converter.convert, cut)) == converter.convert(ONE_LINE)


def test_a_line_longer_than_a_window_is_judged_and_converted_as_a_whole() -> None:
    times = convert.LONG_LINE_CHARS // len(ONE_LINE) * 3
    line = ONE_LINE * times
    assert len(list(convert.pieces(line))) > 2
    once, whole = detect_script(ONE_LINE), detect_script(line)
    assert (whole.han, whole.simplified_only, whole.traditional_only) == (
        once.han * times,
        once.simplified_only * times,
        once.traditional_only * times,
    )
    for config in ("s2t", "t2s", "s2twp"):
        opencc = get_converter(config).convert(line)
        assert convert_text(line, config) == apply_phrase_fixes(line, opencc, config)


# --- the correction table --------------------------------------------------

FIX_CASES = [
    pytest.param(fix, config, id=f"{config}-{fix.source}")
    for fix in PHRASE_FIXES
    for config in sorted(fix.configs)
    if config in opencc_configs._installed_configs()
]


@pytest.mark.parametrize(("fix", "config"), FIX_CASES)
def test_phrase_fix_is_needed_and_applied(fix: PhraseFix, config: str) -> None:
    sentence = f"据说{fix.source}，大家都很高兴。"
    raw = get_converter(config).convert(sentence)
    # If this fails, upstream OpenCC fixed the phrase: drop the entry from PHRASE_FIXES.
    assert fix.wrong in raw, f"OpenCC {config} no longer makes this error: {raw}"
    fixed = convert_text(sentence, config)
    assert fix.right in fixed and fix.wrong not in fixed
    # Only the broken phrase changed: the rest is OpenCC's own output.
    assert fixed == raw.replace(fix.wrong, fix.right)


def test_upstream_issue_1497_example() -> None:
    assert get_converter("s2twp").convert("被发明了") == "被髮明瞭"
    assert convert_text("电话是在1876年被发明了。", "taiwan") == "電話是在1876年被發明了。"


def test_fix_keeps_mingliao_before_jie() -> None:
    # 声明 + 了解: OpenCC's 瞭 belongs to 瞭解 here and must stay.
    assert convert_text("他声明了解此事", "s2t") == "他聲明瞭解此事"
    assert convert_text("他声明了立场", "s2t") == "他聲明了立場"


def test_fix_never_rewrites_what_the_author_wrote() -> None:
    # Classical 被髮 ("hair let down") written in the source stays as written.
    assert apply_phrase_fixes("古人被髮明瞭", "古人被髮明瞭", "s2t") == "古人被髮明瞭"


def test_fixes_do_not_apply_to_other_directions() -> None:
    assert convert_text("被髮明瞭", "t2s") == get_converter("t2s").convert("被髮明瞭")


def test_fix_table_is_well_formed() -> None:
    for fix in PHRASE_FIXES:
        assert fix.wrong != fix.right and len(fix.wrong) == len(fix.right) == len(fix.source)
        assert fix.configs <= opencc_configs.S2T_FAMILY


# --- script detection ------------------------------------------------------


def test_detect_simplified() -> None:
    report = detect_script(SIMP)
    assert report.script == "simplified"
    assert report.simplified_only > 0 and report.traditional_only == 0
    assert report.share == 1.0
    assert report.han == sum(1 for ch in SIMP if "\u4e00" <= ch <= "\u9fff")


def test_detect_traditional() -> None:
    report = detect_script(TRAD)
    assert report.script == "traditional"
    assert report.traditional_only > 0 and report.simplified_only == 0


def test_detect_mixed() -> None:
    report = detect_script(SIMP + "\n" + TRAD)
    assert report.script == "mixed"
    assert report.simplified_only > 0 and report.traditional_only > 0
    assert 0.5 <= report.share < 0.95


@pytest.mark.parametrize("text", ["", "Hello, world 123.", "中文\n人口不多", "ひらがな"])
def test_detect_unknown_without_script_only_characters(text: str) -> None:
    report = detect_script(text)
    assert report == ScriptReport("unknown", 0, 0, report.han, 0.0)


def test_regional_and_shared_characters_are_not_simplified_evidence() -> None:
    # 台 is Hong Kong/Taiwan standard; 后 in 皇后 and 干 in 干涉 are words both scripts write.
    report = detect_script("台灣的皇后不願干涉這件事。")
    assert report.script == "traditional" and report.simplified_only == 0


def test_a_stray_variant_does_not_make_a_page_mixed() -> None:
    # Old type prints variants that OpenCC reads as Simplified (余 as a surname).
    text = "余先生" + "這個圖書館的電腦很舊，資料也不全，讀者們都希望盡快更新設備。" * 2
    report = detect_script(text)
    assert report.script == "traditional" and report.simplified_only == 1


def test_report_to_dict() -> None:
    assert detect_script(TRAD).to_dict() == {
        "script": "traditional",
        "simplified_only": 0,
        "traditional_only": detect_script(TRAD).traditional_only,
        "han": 15,
        "share": 1.0,
    }


# --- convert_script on a page ----------------------------------------------


def test_convert_script_records_each_changed_line() -> None:
    page = page_of(SIMP, "Hello 2024", "中文")
    out, changes = convert_script(page, "s2t")
    assert out.blocks[0].lines == ("我們的軟件發展得很快，網絡也更穩定了。",)
    assert out.blocks[1:] == page.blocks[1:]
    assert changes == [
        Change("convert_script", 1, "converted", "我們的軟件發展得很快，網絡也更穩定了。", SIMP)
    ]


def test_headline_lines_are_converted_one_by_one() -> None:
    block = Block(BlockKind.HEADLINE, ("图书馆开放", "读者排队"), 4, 5)
    out, changes = convert_script(Page((block,)), "traditional")
    assert out.blocks[0].lines == ("圖書館開放", "讀者排隊")
    assert out.blocks[0].kind is BlockKind.HEADLINE
    assert [(c.line, c.detail) for c in changes] == [(4, "图书馆开放"), (4, "读者排队")]


@pytest.mark.parametrize(
    ("text", "config"),
    [
        # OpenCC alone would rewrite 余 -> 餘 and 台 -> 臺 here.
        ("余先生說，台灣的圖書館很新，資料也很齊全。", "s2t"),
        ("余先生說，台灣的圖書館很新，資料也很齊全。", "hongkong"),
        # s2twp alone would turn Taiwan's 軟件 (hardware-store sense aside) into 軟體.
        ("這個軟件的資料庫很大，網絡也很穩定。", "taiwan"),
        # Simplified text may name a Traditional character: t2s would rewrite 乾 -> 干.
        ("这个乾字有两个读音，" + SIMP * 3, "t2s"),
        ("这个乾字有两个读音，" + SIMP * 3, "tw2sp"),
    ],
)
def test_text_already_in_target_script_is_unchanged(text: str, config: str) -> None:
    assert get_converter(config).convert(text) != text  # OpenCC alone would change it
    page = page_of(text)
    out, changes = convert_script(page, config)
    assert out == page and changes == []


def test_mixed_page_converts_only_the_other_script() -> None:
    trad = "余先生說，台灣的圖書館很新，資料也很齊全。"
    page = page_of(trad, SIMP, trad)
    out, changes = convert_script(page, "s2t")
    assert [b.lines[0] for b in out] == [trad, convert_text(SIMP, "s2t"), trad]
    assert [c.line for c in changes] == [3]


def test_pasted_paragraph_in_a_traditional_page_is_converted() -> None:
    trad = "這個圖書館的電腦很舊，資料也不全，讀者們都希望盡快更新設備。"
    page = page_of(*([trad] * 12), SIMP)
    assert detect_script("\n".join(b.lines[0] for b in page)).script == "traditional"
    out, changes = convert_script(page, "s2t")
    assert out.blocks[-1].lines == (convert_text(SIMP, "s2t"),) and len(changes) == 1


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk", "t2s", "tw2sp"])
def test_convert_script_is_idempotent(config: str) -> None:
    page = page_of(SIMP, TRAD, "被发明了")
    once, _ = convert_script(page, config)
    twice, changes = convert_script(once, config)
    assert twice == once and changes == []


def test_source_and_target() -> None:
    assert source_and_target("s2hk") == ("simplified", "traditional")
    assert source_and_target("simplified") == ("traditional", "simplified")
    assert source_and_target("jp2t") is None


def test_convert_document_keeps_lines_and_endings() -> None:
    text = "标题\r\n\r\n" + SIMP + "\r\n" + "Latin line\n" + TRAD
    out, changes = convert.convert_document(text, "s2t")
    assert out == "標題\r\n\r\n" + convert_text(SIMP, "s2t") + "\r\nLatin line\n" + TRAD
    assert [(c.line, c.detail) for c in changes] == [(1, "标题"), (3, SIMP)]


def test_convert_document_on_target_script_text_is_a_no_op() -> None:
    text = "余先生說，台灣的圖書館很新，\n資料也很齊全。\n"
    assert convert.convert_document(text, "taiwan") == (text, [])
    assert convert.convert_document("", "s2t") == ("", [])


# --- OpenCC missing or broken ----------------------------------------------

# Runs the CLI with `opencc` made unimportable (None in sys.modules), or with its
# converter raising as OpenCC does when a config's dictionary cannot be loaded.
WITHOUT_OPENCC = """
import sys
if sys.argv[1] == "missing":
    sys.modules["opencc"] = None
else:
    import opencc
    def broken(config):
        raise RuntimeError(f"failed to load dictionary: {config}.ocd2")
    opencc.OpenCC = broken
sys.argv = ["papercli", *sys.argv[2:]]
from papercli.cli import main
main()
"""


@pytest.mark.parametrize("how", ["missing", "broken"])
@pytest.mark.parametrize(
    "args",
    [
        ["convert", "--to", "traditional"],
        ["convert", "--to", "s2hkp"],  # a name outside the known list: looked up in OpenCC
        ["clean", "--convert", "simplified"],
        ["split", "--convert", "simplified", "-o", "arts"],
    ],
)
def test_opencc_missing_or_broken_is_a_usage_error_not_a_bug(
    how: str, args: list[str], tmp_path, subprocess_env: dict[str, str]
) -> None:
    """Without OpenCC (or with one that cannot load its dictionaries) every file
    failed with `internal error: ImportError` and exit 3, `This is a bug in
    papercli`: the environment's problem, said once, with exit 2, before any file."""
    page = tmp_path / "page.txt"
    page.write_text("我们的软件。\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", WITHOUT_OPENCC, how, *args, str(page)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env,
    )
    assert out.returncode == 2, out.stderr
    assert out.stdout == ""
    assert "internal error" not in out.stderr and "bug" not in out.stderr
    expected = "pip install opencc" if how == "missing" else "failed to load dictionary"
    assert expected in out.stderr
    assert not (tmp_path / "arts").exists()
