"""Read the XML form of a report (engine.io.xml_write writes it); the element layout comes from
the pydantic models.

The reader produces plain data shaped exactly like the JSON form (so one validation path serves
both) plus a source map from JSON pointers to elements. It is strict about structure: stray
text, attributes, elements outside the format's namespace, a list holding anything but its
items and any DTD are input errors, because a report must mean one thing to every reader. What
is wrong with a value is left to validation, as for JSON, so that a bad number or an unknown
element inside a record is the same finding in both forms (engine.io.salvage).
"""
from __future__ import annotations

import math
import re
from typing import Any, Optional

from lxml import etree
from pydantic import BaseModel

from ..close_matches import did_you_mean
from .source import InputError, Location, nearest_recorded
from .xml_bytes import check_encoding, check_size
from .xml_layout import NAMESPACE, ROOT, FieldLayout, Scalar, fields_of
from ..model.report import Report

__all__ = ["NAMESPACE", "XmlSourceMap", "parse_xml"]

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Hints for a validating editor; they do not change what the document says, so they are allowed.
_ALLOWED_ROOT_ATTRIBUTES = {f"{{{_XSI}}}schemaLocation", f"{{{_XSI}}}noNamespaceSchemaLocation"}
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def _parser() -> etree.XMLParser:
    # A new parser per document: lxml parsers keep state and are not safe to share across threads.
    return etree.XMLParser(**_PARSER_OPTIONS)


class XmlSourceMap:
    """JSON pointer -> (line, XPath) of the element, recorded while converting."""

    def __init__(self, index: dict[str, tuple[Optional[int], str]]):
        self._index = index

    def locate(self, pointer: str) -> Location:
        probe, hit = nearest_recorded(self._index, pointer)
        return Location(pointer=probe) if hit is None else Location(pointer=probe, line=hit[0], xpath=hit[1])


class Unconverted:
    """The text of an element that should hold a number or true/false and does not. pydantic
    refuses any such object, so the value is reported (with this text) like the same mistake in
    JSON, instead of being parsed leniently from the string."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Unconverted({self.text!r})"


def _display(tag: str) -> str:
    """An element name as a report author wrote it: bare if in our namespace, else {ns}name."""
    qname = etree.QName(tag)
    return qname.localname if qname.namespace == NAMESPACE else tag


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.index: dict[str, tuple[Optional[int], str]] = {}

    def fail(self, message: str, el: Any, pointer: str, xpath: str, zh: Optional[str] = None) -> InputError:
        return InputError(self.path, message, Location(pointer=pointer, line=el.sourceline, xpath=xpath), zh)

    def _check_structure(self, el: Any, pointer: str, xpath: str, allowed_attributes=frozenset()) -> None:
        """An element that holds elements may hold nothing else: no text, no attributes."""
        for name in el.attrib:
            if name not in allowed_attributes:
                raise self.fail(f"attribute {_display(name)!r} is not allowed: the format uses elements only",
                                el, pointer, xpath, f"不能用属性 {_display(name)}：格式只用元素")
        if el.text is not None and el.text.strip():
            raise self.fail(f"text {_clip(el.text)!r} is not allowed in <{_display(el.tag)}>: it holds elements",
                            el, pointer, xpath, f"<{_display(el.tag)}> 中只能有下级元素，不能直接写文字“{_clip(el.text)}”")
        for child in el:
            if child.tail is not None and child.tail.strip():
                raise self.fail(f"text {_clip(child.tail)!r} is not allowed in <{_display(el.tag)}>: "
                                "it holds elements", child, pointer, xpath,
                                f"<{_display(el.tag)}> 中只能有下级元素，不能直接写文字“{_clip(child.tail)}”")

    def _child_name(self, child: Any, allowed: Any, parent: Any, pointer: str, xpath: str,
                    record: bool = False) -> str:
        """The element's name; in a record (`record`), also a name the format does not have, which
        validation reports like an unknown JSON field."""
        if not isinstance(child.tag, str):  # an entity reference left unexpanded
            raise self.fail("entity references are not allowed", parent, pointer, xpath, "报告中不允许实体引用（&名称;）：写出字符本身")
        qname = etree.QName(child)
        if qname.namespace == NAMESPACE and (qname.localname in allowed or record):
            return qname.localname
        shown = _display(child.tag)
        where = f"{xpath}/{qname.localname}"
        outer = _display(parent.tag)
        if qname.namespace == NAMESPACE:
            near_zh, near_en = did_you_mean(qname.localname, list(allowed), limit=1)
            hint_zh, hint_en = near_zh or f"；此处可用的元素：{'、'.join(allowed)}", near_en
        else:
            hint_en = f" (elements must be in namespace {NAMESPACE})"
            hint_zh = f"（元素须在命名空间 {NAMESPACE} 中）"
        raise InputError(self.path, f"unknown element {shown!r} in <{outer}>{hint_en}",
                         Location(pointer=pointer, line=child.sourceline, xpath=where),
                         f"<{outer}> 中没有元素 {shown}{hint_zh}")

    def model(self, el: Any, model: type[BaseModel], pointer: str, xpath: str, attrs=frozenset()) -> dict:
        self.index[pointer] = (el.sourceline, xpath)
        self._check_structure(el, pointer, xpath, attrs)
        layout = fields_of(model)
        out: dict[str, Any] = {}
        for child in el:
            name = self._child_name(child, layout, el, pointer, xpath, record=True)
            child_pointer, child_xpath = f"{pointer}/{_escape(name)}", f"{xpath}/{name}"
            if name in out:
                raise self.fail(f"element {name!r} repeats in <{_display(el.tag)}>", child, child_pointer, child_xpath,
                                f"<{_display(el.tag)}> 中元素 <{name}> 重复：每个字段只能写一次，删去或合并重复的一处")
            if name not in layout:  # its content is not read: the finding says it was not checked
                self.index[child_pointer] = (child.sourceline, child_xpath)
                out[name] = child.text or ""
                continue
            out[name] = self.field(child, layout[name], child_pointer, child_xpath)
        return out

    def field(self, el: Any, f: FieldLayout, pointer: str, xpath: str) -> Any:
        if f.kind == "model":
            return self.model(el, f.model, pointer, xpath)
        if f.kind == "scalar":
            return self.scalar(el, f.name, f.scalar, pointer, xpath)
        self.index[pointer] = (el.sourceline, xpath)
        self._check_structure(el, pointer, xpath)
        items = []
        for i, child in enumerate(el):
            self._child_name(child, (f.item,), el, pointer, xpath)
            item_pointer, item_xpath = f"{pointer}/{i}", f"{xpath}/{f.item}[{i + 1}]"
            if f.model is not None:
                items.append(self.model(child, f.model, item_pointer, item_xpath))
            else:
                items.append(self.scalar(child, f.item, f.scalar, item_pointer, item_xpath))
        return items

    def scalar(self, el: Any, name: str, scalar: Scalar, pointer: str, xpath: str) -> Any:
        self.index[pointer] = (el.sourceline, xpath)
        if len(el):
            raise self.fail(f"<{name}> holds a value, not elements", el[0], pointer, xpath,
                            f"<{name}> 中应直接填写值，不能再放下级元素")
        if el.attrib:
            attribute = _display(next(iter(el.attrib)))
            raise self.fail(f"attribute {attribute!r} is not allowed: the format uses elements only",
                            el, pointer, xpath, f"不能用属性 {attribute}：格式只用元素")
        text = el.text or ""
        if scalar.type is str and scalar.choices is None:
            return text  # free text is kept exactly, whitespace included
        value = text.strip()  # like XSD's whitespace collapsing for every other type
        if scalar.type is bool:
            return _BOOLEANS[value] if value in _BOOLEANS else Unconverted(text)
        # Numbers are converted here (not left to pydantic's lax parsing of strings, which reads
        # "inf" and "1_000") so that the XML and JSON forms of a report give identical models.
        if scalar.type is int:
            return int(value) if _INTEGER.fullmatch(value) and len(value) <= 40 else Unconverted(text)
        if scalar.type is float:
            if not _NUMBER.fullmatch(value) or len(value) > 400 or math.isinf(float(value)):
                return Unconverted(text)
            return float(value)
        return value  # dates, datetimes, enums, literals: pydantic parses these strings


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _clip(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _syntax_error(exc: etree.XMLSyntaxError, path: str) -> InputError:
    last = exc.error_log.last_error if exc.error_log else None
    message = last.message if last is not None and last.message else exc.msg
    message = " ".join(str(message).split())  # one line, whatever libxml2 said
    line = exc.lineno if exc.lineno else 1
    column = exc.offset + 1 if exc.offset is not None else None
    # libxml2 says what is wrong in English only; the Chinese line says that it is the XML itself
    return InputError(path, f"invalid XML: {message}", Location("", line, column), f"XML 格式错误（libxml2：{message}）")


class _Doctype(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class _RootReached(Exception):
    pass


class _PrologTarget:
    """Parser target that stops at the root element, raising on the way if a DOCTYPE came first."""

    def doctype(self, name: str, public_id: Any, system_url: Any) -> None:
        raise _Doctype(name)

    def start(self, tag: str, attrib: Any, nsmap: Any = None) -> None:
        raise _RootReached()

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None


def _refuse_dtd(data: bytes, path: str) -> None:
    """Any DTD is refused before libxml2 reads its declarations.

    Entities are never expanded (resolve_entities=False), but a report has no use for a DTD, and
    checking only after a full parse would let libxml2 first work through hostile declarations
    (it then fails with messages such as "entity amplification factor exceeded").
    The doctype callback fires at `<!DOCTYPE`, before the internal subset is parsed; this pass
    stops at the root element's start tag, so it costs only the prolog.
    """
    parser = etree.XMLParser(target=_PrologTarget(), **_PARSER_OPTIONS)
    try:
        etree.fromstring(data, parser)
    except _Doctype as exc:
        raise InputError(path, f"DTD/entity declarations are not allowed (<!DOCTYPE {exc.name}>)",
                         Location("", 1), f"报告中不允许 DTD 或实体声明（<!DOCTYPE {exc.name}>）：删去该声明") from None
    except _RootReached:
        pass
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None


def parse_xml(data: bytes, path: str) -> tuple[dict, XmlSourceMap]:
    """Parse report XML into JSON-shaped data; every problem becomes one InputError."""
    check_size(data, path)
    check_encoding(data, path)
    _refuse_dtd(data, path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # unreachable after _refuse_dtd; kept as a guard
        raise InputError(path, "DTD/entity declarations are not allowed", Location("", 1), "报告中不允许 DTD 或实体声明")
    qname = etree.QName(root)
    if qname.localname != ROOT:
        raise InputError(path, f"root element is <{qname.localname}>, expected <{ROOT}>",
                         Location("", root.sourceline, xpath=f"/{qname.localname}"),
                         f"根元素是 <{qname.localname}>，应为 <{ROOT}>（这不是 plancheck 报告，可用 plancheck template 生成空白报告）")
    if qname.namespace != NAMESPACE:
        got = f"namespace {qname.namespace}" if qname.namespace else "no namespace"
        got_zh = f"在命名空间 {qname.namespace} 中" if qname.namespace else "没有命名空间"
        raise InputError(path, f"root element <{ROOT}> is in {got}, expected namespace {NAMESPACE}",
                         Location("", root.sourceline, xpath=f"/{ROOT}"),
                         f"根元素 <{ROOT}> {got_zh}，应为 xmlns=\"{NAMESPACE}\"")
    reader = _Reader(path)
    data_out = reader.model(root, Report, "", f"/{ROOT}", attrs=_ALLOWED_ROOT_ATTRIBUTES)
    return data_out, XmlSourceMap(reader.index)
