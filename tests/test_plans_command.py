"""`plancheck plans` (issue 13): every plan with its full name, issuer, years, clause counts and
the units it names, in Chinese, English and JSON."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import cli

REPO = Path(__file__).resolve().parent.parent
PLANS = sorted(p.parent.name for p in (REPO / "rules").glob("*/plan.yaml"))


def _plans(*args: str):
    result = CliRunner().invoke(cli.main, ["plans", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_lists_every_plan_in_chinese_by_default():
    out = _plans()
    heads = [line.split("  ")[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert heads == PLANS == ["chengdu-2023", "heilongjiang-2023", "ruichang", "shanghai-district", "tianjin-2021"]
    assert "heilongjiang-2023  深入实施《关于强化知识产权保护的意见》《关于强化知识产权保护促进高质量发展的实施意见》推进计划" in out
    assert "  发文：黑龙江省知识产权战略制定和实施工作领导小组办公室，2023-07-28；实施年度 2023–2025" in out
    assert "  条款 80 项：规则核查 " in out


def test_units_the_plan_names_and_a_closed_list():
    out = _plans()
    ruichang = out.split("ruichang  ")[1].split("\n\n")[0]
    assert "计划列明责任单位 18 个：瑞昌市市场监督管理局、瑞昌市人民法院" in ruichang and "等（另 10 个）" in ruichang
    assert "名单之外的单位不予受理" in ruichang
    tianjin = out.split("tianjin-2021  ")[1]
    assert "计划列明责任单位 7 个：" in tianjin and "天津仲裁委员会" in tianjin and "不予受理" not in tianjin
    heilongjiang = out.split("heilongjiang-2023  ")[1].split("\n\n")[0]
    assert "计划未列明责任单位" in heilongjiang and "14、52、67、78、80" in heilongjiang


def test_english():
    out = _plans("--lang", "en")
    assert "  issued by 天津市知识产权战略领导小组 on 2021-03-17; years 2021–2025" in out
    assert "the plan names 7 units: " in out and "16 clauses: " in out and "1 not checkable" in out


def test_json_has_every_unit_and_count():
    plans = json.loads(_plans("--format", "json"))
    assert [p["id"] for p in plans] == PLANS
    ruichang = next(p for p in plans if p["id"] == "ruichang")
    assert len(ruichang["named_units"]) == 18 and ruichang["units_list_closed"] is True
    assert ruichang["clauses"]["clauses"] == 21 and ruichang["rules"] > 0
    heilongjiang = next(p for p in plans if p["id"] == "heilongjiang-2023")
    assert heilongjiang["named_units"] == [] and heilongjiang["period"] == {"start": "2023-07-28", "end": "2025-12-31"}


def test_listed_in_help():
    result = CliRunner().invoke(cli.main, ["--help"])
    assert "plans" in result.stdout


def test_bad_rules_directory_is_exit_2(tmp_path: Path):
    result = CliRunner().invoke(cli.main, ["plans", "--rules", str(tmp_path / "none")])
    assert result.exit_code == 2 and "Traceback" not in result.output
