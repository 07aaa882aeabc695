"""What a text value that is blank, holds a character XML cannot carry, or is too long is told,
and which of these it is told when it is more than one: the blank first, then the character, then
the length. The report models check a text and its bound in one validator (engine.model.base
.Checked, shaped for speed); these messages are the ones the checks said when they were three
(AfterValidator and Field(max_length)), pinned whole, through the reader."""
from __future__ import annotations

import copy
import re
import json
from pathlib import Path
from typing import Any, Union

import pytest

from engine.io.json_report import JsonSourceMap
from engine.io.read import report_from_bytes, validate_report
from engine.io.source import InputError

REPO = Path(__file__).resolve().parent.parent
BASE = json.loads((REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json")
                  .read_text(encoding="utf-8"))
TEXT = json.dumps(BASE, ensure_ascii=False, indent=1)

BLANK = ("不能为空白", "must not be blank", "填写内容；选填字段没有内容时整项删去",
         "write the value, or leave the field out if it is optional")
REMOVE = ("删去该字符（多由复制粘贴带入）", "remove the character")


def _too_long(field: str, length: int, most: int) -> tuple[str, str, str, str]:
    return (f"{field}过长：{length}个字符，最多{most}个", f"{field} is too long: {length} characters, at most {most}",
            f"精简到{most}个字符以内", f"shorten it to at most {most} characters")


def _blank(field: str) -> tuple[str, str, str, str]:
    return (f"{field}：{BLANK[0]}", f"{field}: {BLANK[1]}", BLANK[2], BLANK[3])


def _control(field: str, code: str, kind: str = "control character", kind_zh: str = "控制字符") -> tuple[str, ...]:
    return (f"{field}：含有{kind_zh}{code}", f"{field}: contains {kind} {code}", *REMOVE)


def _with(pointer: str, value: Any) -> dict:
    data = copy.deepcopy(BASE)
    *parents, last = [int(t) if t.isdigit() else t for t in pointer[1:].split("/")]
    node = data
    for token in parents:
        node = node[token]
    node[last] = value
    return data


def _told(data: dict) -> Union[str, list[tuple[str, ...]]]:
    """What validating `data` says: each problem (pointer, zh, en, fix zh, fix en), or the input error."""
    try:
        problems = validate_report(data, JsonSourceMap(TEXT), "r.json").problems
    except InputError as exc:
        return exc.line()
    return [(p.pointer, p.said.zh, p.said.en, p.said.fix_zh, p.said.fix_en) for p in problems]


# pointer, value, what is told (inside a record: the problem; in the header: the input error)
CASES = [
    ("/cases/0/party/name", " " * 400, _blank("name")),  # blank and too long: the blank is told
    ("/cases/0/party/name", "\u3000", _blank("name")),
    ("/cases/0/party/name", "\x1c", _blank("name")),  # a separator Python counts as white space
    ("/cases/0/party/name", "王" * 301, _too_long("name", 301, 300)),
    ("/cases/0/party/name", "\x07" * 400, _control("name", "U+0007")),  # the character before the length
    ("/cases/0/party/name", "李\x1b" + "王" * 300, _control("name", "U+001B")),
    ("/cases/0/party/name", "李\ufffe", _control("name", "U+FFFE", "non-character", "非字符码位")),
    ("/tasks/0/narrative", "\t" * 4001, _blank("narrative")),
    ("/tasks/0/narrative", " \x7f" * 3000, _control("narrative", "U+007F")),
    ("/tasks/0/narrative", "x" * 4001, _too_long("narrative", 4001, 4000)),
    ("/cases/0/party/credit_code", "", _blank("credit_code")),
    ("/cases/0/party/credit_code", "9" * 41, _too_long("credit_code", 41, 40)),
    ("/contact/email", "a\x01@b.cn", _control("email", "U+0001")),
    ("/publications/0/url", "https://www.gov.cn/" + "x" * 2000, _too_long("url", 2019, 2000)),
]


@pytest.mark.parametrize("pointer, value, told", CASES, ids=[f"{c[0]}={c[1]!r:.12}" for c in CASES])
def test_what_a_bad_text_in_a_record_is_told(pointer: str, value: str, told: tuple[str, ...]):
    assert _told(_with(pointer, value)) == [(pointer, *told)]


def test_a_text_at_its_bound_is_fine():
    assert _told(_with("/tasks/0/narrative", "x" * 4000)) == []
    assert _told(_with("/cases/0/party/name", "王" * 300)) == []


def test_a_url_the_check_refuses_is_told_so_before_its_length():
    ((_, zh, en, _, _),) = _told(_with("/publications/0/url", "ftp://" + "x" * 2000))
    assert zh.startswith("url：“ftp://xxx") and zh.endswith("…”不是 http(s) 网址")
    assert en.startswith("url: not an http(s) URL: 'ftp://xxx")


@pytest.mark.parametrize("value, line", [
    (" " * 301, "r.json:5:11: /department/name: must not be blank; write the value, or leave the field out if "
                "it is optional"),
    ("局" * 301, "r.json:5:11: /department/name: name is too long: 301 characters, at most 300; shorten it to at "
                "most 300 characters"),
    ("局\x00" * 200, "r.json:5:11: /department/name: contains control character U+0000; remove the character"),
])
def test_what_a_bad_text_in_the_header_is_told(value: str, line: str):
    assert _told(_with("/department/name", value)) == line


def test_the_json_reader_tells_a_control_character_itself():
    data = _with("/cases/0/party/name", "李\x1b" + "王" * 300)
    with pytest.raises(InputError) as told:
        report_from_bytes(json.dumps(data, ensure_ascii=False, indent=1).encode(), Path("r.json"))
    assert told.value.line() == ("r.json:232:13: /cases/0/party/name: invalid JSON: character U+001B is not "
                                 "allowed in a report (XML cannot carry it)")


def test_a_url_accepted_at_a_glance_is_one_the_full_check_accepts(monkeypatch: pytest.MonkeyPatch):
    """check_url accepts a plain http(s) address by one regex match (_PLAIN_URL) before splitting
    it; whatever that match accepts, the full check must accept too."""
    import random

    from engine.model import values

    plain = values._PLAIN_URL
    rng = random.Random(16)
    letters = "htps:/.-@[]:0123456789aAbB?#% \t\n\x00\x7f\x1f中~\\\u3000"
    written = ["https://www.gov.cn/", "http://a.b:8080/x?y#z", "https://amr.hlj.gov.cn/art/2024/3/1/art_1.html"]
    written += [rng.choice(["http://", "https://", "HTTP://", "http:/", ""]) +
                "".join(rng.choice(letters) for _ in range(rng.randint(0, 14))) for _ in range(30_000)]
    accepted = [url for url in written if plain.fullmatch(url)]
    assert len(accepted) > 1000
    monkeypatch.setattr(values, "_PLAIN_URL", re.compile("(?!)"))  # the full check alone
    for url in accepted:
        assert values.check_url(url) == url


def test_every_character_xml_cannot_carry_is_one_isprintable_refuses():
    """printable() and non_blank() search a text only when str.isprintable() refuses it: that
    skips no character the search would find."""
    from engine.model.values import _CONTROL

    flagged = [chr(code) for code in range(0x110000) if _CONTROL.match(chr(code))]
    assert len(flagged) == 2080  # C0 but tab, LF, CR; DEL; the surrogates; U+FFFE, U+FFFF
    assert not any(character.isprintable() for character in flagged)
