"""The soft-word reading `rules lint` relies on (engine/rules/soft_words.py), on the seeds' own
sentences: a soft word in a quoted title or quotation is not the plan's wording, and only the
sentences a rule quotes count."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.rules.catalog import load_catalog
from engine.rules.soft_words import (cited_sentences, governing_soft_words, quoted_fragments, says_word,
                                     soft_words_in)

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "rules")


@pytest.mark.parametrize("text, words", [
    ("力争到2025年培育知识产权示范、优势企业超过1000家。", ("力争",)),
    ("适时召开新闻发布会、发布知识产权保护状况白皮书。", ("适时",)),
    ("视情组织联合检查。", ("视情",)),
    ("鼓励各地加大对知识产权保护专业人才培训力度。", ("鼓励",)),
    ("对照《鼓励外商投资产业目录》开展审查。", ()),  # a title
    ("落实“鼓励类”产业的知识产权审查要求。", ()),  # a quoted term
    ("每年遴选出数家专利试点单位,签订试点合同。", ()),
])
def test_soft_words_outside_quotes(text: str, words: tuple[str, ...]):
    assert soft_words_in(text) == words


def test_an_unclosed_quote_does_not_hide_the_rest_of_a_clause():
    # Shanghai 二(六) opens “保护知识产权宣传周活动 and never closes it
    assert soft_words_in("突出开展每年一次的“保护知识产权宣传周活动,并不断丰富宣传内容;" + "鼓励区科技特色学校" * 8) == ("鼓励",)


def test_quoted_fragments_are_cut_at_ellipses_and_bare_of_quote_marks():
    assert quoted_fragments(["第52项是“力争到2025年……超过1000家”：“力争”是争取目标"]) == ["力争到2025年", "超过1000家"]
    assert quoted_fragments(["“每年一次的‘保护知识产权宣传周’活动”"]) == ["每年一次的保护知识产权宣传周活动"]


def test_a_quote_with_full_width_commas_finds_a_scraped_sentence_with_half_width_ones():
    clause = CATALOG.plans["shanghai-district"].clause("二(三)")
    cited = cited_sentences(clause.text, ["明确要求“每年遴选出数家专利试点单位，签订试点合同”"])
    assert len(cited) == 1 and cited[0].startswith("继续推进企事业单位运用知识产权制度能力的试点工作")


@pytest.mark.parametrize("plan, clause, rule, words", [
    ("heilongjiang-2023", "67", "HLJ-67-TRAINING-TARGET", ("鼓励",)),  # same sentence: the rationale says why
    ("heilongjiang-2023", "52", "HLJ-52-ENTERPRISES-TARGET", ("力争",)),
    ("shanghai-district", "二(三)", "SH-2-3-PILOT-NOT-SELECTED", ()),  # 鼓励 is in other sentences
    ("shanghai-district", "二(六)", "SH-2-6-PUBLICITY-WEEK", ()),
    ("tianjin-2021", "(十六)", "TJ-16-TYPICAL-CASES", ()),  # 及时发布…典型案例 is not the 适时 sentence
    ("tianjin-2021", "(十六)", "TJ-16-IP-WHITE-PAPER", ("适时",)),
])
def test_the_soft_words_governing_bundled_rules(plan: str, clause: str, rule: str, words: tuple[str, ...]):
    item = CATALOG.rules[rule].rule
    texts = [item.title.zh, item.message.zh, item.rationale.zh if item.rationale else ""]
    assert governing_soft_words(CATALOG.plans[plan].clause(clause).text, texts) == words


def test_a_rule_quoting_nothing_of_its_clause_is_judged_on_the_whole_clause():
    assert governing_soft_words("加强宣传。适时发布白皮书。", ["没有引语"]) == ("适时",)


def test_naming_the_word_says_why_quoting_its_sentence_does_not():
    assert says_word("“力争”是争取目标，未达到只作警告", "力争")
    assert not says_word("第10项“力争到2024年底,全县通过知识产权管理体系认证的企业超过15家”。", "力争")
