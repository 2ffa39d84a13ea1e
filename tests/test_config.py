"""config: discovery by walking up, validation that names the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from papercli.config import ConfigError, find_config, load_config


def test_nearest_file_wins_and_unrelated_pyproject_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".papercli.toml").write_text("jobs = 2\n", encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    assert find_config(inner) == tmp_path / ".papercli.toml"
    (tmp_path / "a" / "pyproject.toml").write_text(
        "[tool.papercli]\nglob = '*.md'\n", encoding="utf-8"
    )
    assert find_config(inner) == tmp_path / "a" / "pyproject.toml"
    assert load_config(tmp_path / "a" / "pyproject.toml") == {"glob": "*.md"}


def test_dash_and_underscore_keys(tmp_path: Path) -> None:
    path = tmp_path / ".papercli.toml"
    path.write_text("drop-caption-echoes = false\noutput_encoding = 'gb18030'\n", encoding="utf-8")
    assert load_config(path) == {"drop_caption_echoes": False, "output_encoding": "gb18030"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("colour = true\n", "unknown key 'colour'"),
        ("jobs = true\n", "key 'jobs' must be int, not bool"),
        ("join_line_breaks = 'no'\n", "key 'join_line_breaks' must be bool"),
        ("jobs = \n", "not valid TOML"),
        ("[tool.papercli]\njobs = 2\n", r"keys at the top level, with no \[tool.papercli\] header"),
    ],
)
def test_bad_config_is_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / ".papercli.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


@pytest.mark.parametrize("name", [".papercli.toml", "pyproject.toml"])
def test_one_option_under_two_spellings_is_an_error(tmp_path: Path, name: str) -> None:
    # TOML refuses a key set twice, but `join-line-breaks` and `join_line_breaks` are
    # two keys to it: the last one won, silently, whichever the user meant.
    table = "[tool.papercli]\n" if name == "pyproject.toml" else ""
    path = tmp_path / name
    path.write_text(
        f"{table}join-line-breaks = false\njobs = 2\njoin_line_breaks = true\n", encoding="utf-8"
    )
    message = (
        f"{path}: keys 'join-line-breaks' and 'join_line_breaks' set the same option; keep one"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == message


def test_broken_pyproject_is_reported_not_skipped(tmp_path: Path) -> None:
    # Whether it configures papercli cannot be told: say so rather than drop its settings.
    (tmp_path / "pyproject.toml").write_text("[tool.papercli]\nx = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: not valid TOML"):
        find_config(tmp_path)
    (tmp_path / ".papercli.toml").write_text("jobs = 2\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / ".papercli.toml"  # the dotfile wins, as ever


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[tool.papercli]\n\xff\xfe = 1\n", r"not valid TOML: not UTF-8 \(byte 0xff at"),
        (b"tool = 5\n", r"\[tool\] must be a table"),
    ],
)
def test_a_pyproject_that_no_tool_could_read_is_a_config_error(
    tmp_path: Path, body: bytes, message: str
) -> None:
    # Not an internal error: bytes that are not UTF-8, or a `tool` key that is no table.
    path = tmp_path / "pyproject.toml"
    path.write_bytes(body)
    with pytest.raises(ConfigError, match=message):
        find_config(tmp_path)
    with pytest.raises(ConfigError, match=message):
        load_config(path)
