"""`pack init` on each seed plan agrees with the bundled pack written from it: every clause id,
every text (whitespace and the widths of , : ; ( ) ! ? aside: engine/authoring/compare.py), and
the units of the clauses that name them (Ruichang's 责任单位 lists, Tianjin (七)). Run with -s to
see the table; the lead's closing note quotes it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.authoring.compare import compare, normalise_text
from engine.authoring.draft import draft_pack
from engine.authoring.source import read_plan_text
from engine.rules.plan_model import Plan
from engine.rules.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
PACKS = sorted((ROOT / "rules").glob("*/plan.yaml"))


def _pack(path: Path) -> Plan:
    return Plan.model_validate(load_yaml(path).data)


@pytest.mark.parametrize("plan_path", PACKS, ids=[p.parent.name for p in PACKS])
def test_pack_init_agrees_with_the_bundled_pack(plan_path: Path) -> None:
    pack = _pack(plan_path)
    draft = draft_pack(read_plan_text(SEEDS / pack.seed), pack.id, pack.seed)
    agreement = compare(draft.plan, pack)
    print(agreement.row())
    print(agreement.classification_row())
    assert agreement.problems == []
    assert agreement.full


def test_every_bundled_pack_has_its_seed_kept_as_test_data() -> None:
    assert len(PACKS) == 5
    for path in PACKS:
        assert (SEEDS / _pack(path).seed).is_file()


def test_units_are_measured_on_ruichang_and_tianjin() -> None:
    rows = {}
    for path in PACKS:
        pack = _pack(path)
        rows[pack.id] = compare(draft_pack(read_plan_text(SEEDS / pack.seed), pack.id, pack.seed).plan, pack)
    assert (rows["ruichang"].units_identical, rows["ruichang"].units_expected) == (15, 15)
    assert (rows["tianjin-2021"].units_identical, rows["tianjin-2021"].units_expected) == (1, 1)


def test_normalisation_drops_whitespace_and_punctuation_width_only() -> None:
    assert normalise_text("甲，乙：丙；（丁）\n 戊") == normalise_text("甲,乙:丙;(丁)戊")
    assert normalise_text("甲、乙。") != normalise_text("甲,乙.")  # 、 and 。 are kept
    assert normalise_text("力争完成") != normalise_text("完成")  # words are never dropped


def test_compare_reports_a_clause_text_that_is_not_the_plans(tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "tianjin-2021"
    rules.mkdir(parents=True)
    text = (ROOT / "rules" / "tianjin-2021" / "plan.yaml").read_text(encoding="utf-8")
    (rules / "plan.yaml").write_text(text.replace("组建市市场监管行政执法总队", "组建市市场监管执法总队"), encoding="utf-8")
    result = CliRunner().invoke(main, ["pack", "compare", str(SEEDS / "004_819baf1f750839d3.txt"),
                                       "--plan", "tianjin-2021", "--rules", str(tmp_path / "rules"), "-v"])
    assert result.exit_code == 1
    assert "texts identical 15/16" in result.output
    assert "(六): text differs" in result.output


def test_compare_command_prints_the_row_and_exits_0_on_full_agreement() -> None:
    result = CliRunner().invoke(main, ["pack", "compare", str(SEEDS / "000_3282e84b2494f8c5.txt"), "--plan", "ruichang"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "ruichang             clauses 21/21  texts identical 21/21  units identical 15/15"


def test_compare_verbose_adds_how_the_draft_classification_compares() -> None:
    result = CliRunner().invoke(main, ["pack", "compare", str(SEEDS / "001_8429dd0dfc029dc1.txt"), "--plan", "chengdu-2023", "-v"])
    assert result.exit_code == 0
    assert "draft check as the pack's 13/22  schedule cadence as the pack's 7/7" in result.output


def test_compare_with_an_unknown_pack_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pack", "compare", str(SEEDS / "000_3282e84b2494f8c5.txt"), "--plan", "nowhere",
                                       "--rules", str(tmp_path)])
    assert result.exit_code == 2
    assert "nowhere/plan.yaml: no such pack" in result.output
    assert "Traceback" not in result.output
