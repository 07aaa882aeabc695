"""What every part of the report format shares: the kinds of value (texts, identifiers, URLs,
sums of money, clause numbers, credit codes) and the strict base model."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

from ..credit_code import STRUCTURE as CREDIT_CODE_STRUCTURE
from .values import check_url, non_blank

Text = Annotated[str, AfterValidator(non_blank), Field(max_length=4000)]
ShortText = Annotated[str, AfterValidator(non_blank), Field(max_length=300)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
Url = Annotated[str, AfterValidator(check_url), Field(max_length=2000)]
Money = Annotated[float, Field(ge=0, le=1e13)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
# A plan clause number as the plans write it: "33", "三(一)2", "3-5".
ClauseNumber = Annotated[str, Field(pattern=r"^[0-9A-Za-z一-龥()（）.\-]{1,20}$")]
# A 统一社会信用代码 of someone else (a listed entity, a case's party) is taken as written, within
# a bound: an invalid one, malformed or with a wrong check character, is a finding on its record
# (CREDIT-CODE-INVALID, PENALTY-PARTY-CODE-INVALID, explained by engine.credit_code), not a
# reason to set the record aside.
CreditCode = Annotated[str, AfterValidator(non_blank), Field(max_length=40)]
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
