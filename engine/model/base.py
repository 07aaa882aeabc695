"""What every part of the report format shares: the kinds of value (texts, identifiers, URLs,
sums of money, clause numbers, credit codes) and the strict base model.

Shaped for speed: a text's check and its length bound are one validator (Checked), since a report
has some three hundred texts; see Checked for why and for what stays exactly as it was."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Callable

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import CoreSchema, PydanticKnownError, PydanticUndefined, core_schema

from ..credit_code import STRUCTURE as CREDIT_CODE_STRUCTURE
from .values import check_url, non_blank


@dataclass(frozen=True)
class Checked:
    """A text's check (`func`, from engine.model.values) and its most characters, as one validator.

    Shaped for speed: written as AfterValidator(func) and Field(max_length=…), the bound runs in
    Python too (pydantic cannot leave a bound after a Python check to pydantic-core): a second
    call, pydantic's max_length validator, for each of the ~300 texts of a report. Here one call
    does the check, then the bound, with the very errors of before in the same order: the
    check's InvalidValue first (blank, then a character XML cannot carry), then pydantic's own
    `too_long` error with the ctx its max_length validator gives (tests/test_text_checks.py).
    `max_length` is read as any length bound is (engine.io.xml_layout, the XSD); the JSON Schema
    says it as maxLength, as before."""

    func: Callable[[str], str]
    max_length: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        check, most = self.func, self.max_length

        def checked(value: str) -> str:
            value = check(value)
            if len(value) > most:
                raise PydanticKnownError("too_long", {"field_type": "Value", "max_length": most,
                                                      "actual_length": len(value)})
            return value

        return core_schema.no_info_after_validator_function(checked, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {**handler(schema), "maxLength": self.max_length}


Text = Annotated[str, Checked(non_blank, 4000)]
ShortText = Annotated[str, Checked(non_blank, 300)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
Url = Annotated[str, Checked(check_url, 2000)]
Money = Annotated[float, Field(ge=0, le=1e13)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
# A plan clause number as the plans write it: "33", "三(一)2", "3-5".
ClauseNumber = Annotated[str, Field(pattern=r"^[0-9A-Za-z一-龥()（）.\-]{1,20}$")]
# A 统一社会信用代码 of someone else (a listed entity, a case's party) is taken as written, within
# a bound: an invalid one, malformed or with a wrong check character, is a finding on its record
# (CREDIT-CODE-INVALID, PENALTY-PARTY-CODE-INVALID, explained by engine.credit_code), not a
# reason to set the record aside.
CreditCode = Annotated[str, Checked(non_blank, 40)]
# The reporting department's own code must at least have the form of one: a malformed one is an
# invalid value (its check character is not judged here, as before).
OwnCreditCode = Annotated[str, Field(pattern=CREDIT_CODE_STRUCTURE)]


class Strict(BaseModel):
    """Base for every report object: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, defer_build=True)


def about(zh: str, en: str, *examples: Any, default: Any = PydanticUndefined, **constraints: Any) -> Any:
    """A field of the report format with the help an editor shows while a department fills it in:
    what it holds in Chinese, then one line in English, and an example (the generated JSON Schema's
    `description` and `examples`; the XSD's xs:documentation). Fields holding a model get their
    example from that model's fields (engine.schemas)."""
    return Field(default, description=f"{zh}\n{en}", examples=list(examples) or None, **constraints)
