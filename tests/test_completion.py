"""Shell completion as the README documents it (click's, issue 13): the source script for each
shell, and commands, formats and file arguments completing."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import cli


def _complete(words: str, cword: int) -> list[str]:
    result = CliRunner().invoke(cli.main, [], prog_name="plancheck", env={
        "_PLANCHECK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_source_script_for_each_shell(shell: str):
    result = CliRunner().invoke(cli.main, [], prog_name="plancheck", env={"_PLANCHECK_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and "_PLANCHECK_COMPLETE" in result.output


def test_commands_complete():
    assert "plain,plans" in _complete("plancheck pl", 1)
    assert "plain,check" in _complete("plancheck ch", 1)


def test_format_choices_complete():
    assert _complete("plancheck check --format c", 3) == ["plain,concise"]
    assert "plain,github" in _complete("plancheck check --format ", 3)


def test_files_complete_as_paths():
    assert _complete("plancheck check sam", 2) == ["file,sam"]
