"""Every command has real help, and README's usage blocks are today's --help
(sqlite-utils style). Set PAPERCLI_UPDATE_README=1 to rewrite the blocks."""

from __future__ import annotations

import os
import re

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT
from papercli.cli import cli

README = ROOT / "README.md"
BLOCK = re.compile(
    r"<!-- \[\[\[help (?P<cmd>[^\]]+)\]\]\] -->\n(?P<body>.*?)<!-- \[\[\[end\]\]\] -->",
    re.S,
)


def help_text(command: str) -> str:
    args = command.split()[1:]  # drop "papercli"
    result = CliRunner().invoke(cli, args, prog_name="papercli")
    assert result.exit_code == 0, result.output
    return result.stdout


def render(readme: str) -> str:
    def block(match: re.Match[str]) -> str:
        cmd = match["cmd"]
        return f"<!-- [[[help {cmd}]]] -->\n```\n$ {cmd}\n{help_text(cmd)}```\n<!-- [[[end]]] -->"

    return BLOCK.sub(block, readme)


def test_readme_usage_blocks_match_help() -> None:
    readme = README.read_text(encoding="utf-8")
    expected = render(readme)
    if os.environ.get("PAPERCLI_UPDATE_README"):
        README.write_text(expected, encoding="utf-8")
    assert len(BLOCK.findall(readme)) >= 2
    assert readme == expected, "README usage is stale: PAPERCLI_UPDATE_README=1 pytest"


def test_readme_starts_with_the_two_ci_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first_block) == 2
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci == first_block


COMMANDS = cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_examples(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    text = help_text(f"papercli {name} --help")
    assert "Examples:" in text and f"papercli {name}" in text
    assert "Exit codes:" in text
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help"


def test_clean_help_documents_the_contract() -> None:
    text = help_text("papercli clean --help")
    for needle in ("Inputs:", "Outputs:", "Exit codes:", "| papercli clean |", "stdin"):
        assert needle in text


def test_expected_commands() -> None:
    assert set(COMMANDS) == {
        "clean", "unwrap", "rejoin", "dedupe", "split", "convert", "detect",
    }  # fmt: skip
