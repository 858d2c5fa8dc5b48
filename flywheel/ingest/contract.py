"""The input contract: one OpenAI chat-completions call per line, as an LLM gateway logs it.

The schema is typed with msgspec, so a record is decoded and validated in one pass. A rejected
line raises `Rejected` with a reason code and words that name the field at fault, never its
value: the reason lands in quarantine, in logs and in Dagster metadata, where raw user text must
not appear.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

NonNegative = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]  # stored as Int64
ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})


class Rejected(Exception):
    """A line that breaks the contract. `code` groups defects; `reason` says it in words."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class FunctionCall(msgspec.Struct, gc=False):
    name: str
    arguments: str  # a JSON object, serialised, as the OpenAI API sends it


class ToolCall(msgspec.Struct, gc=False):
    id: str
    function: FunctionCall
    type: str = "function"


class Message(msgspec.Struct, omit_defaults=True, gc=False):
    role: str
    content: str | list[dict[str, Any]] | None = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None


class FunctionSpec(msgspec.Struct, omit_defaults=True, gc=False):
    name: str
    description: str | None = None
    # A JSON Schema, kept as the raw JSON text it came in: checked to be well-formed JSON, not
    # unpacked into Python objects (it is the bulk of most records and identical across them).
    parameters: msgspec.Raw = msgspec.Raw(b"null")


class Tool(msgspec.Struct, gc=False):
    function: FunctionSpec
    type: str = "function"


class Request(msgspec.Struct, gc=False):
    messages: Annotated[list[Message], msgspec.Meta(min_length=1)]
    model: str | None = None
    tools: list[Tool] | None = None
    tool_choice: str | dict[str, Any] | None = None


class Choice(msgspec.Struct, gc=False):
    message: Message
    finish_reason: str | None = None


class Usage(msgspec.Struct, gc=False):
    prompt_tokens: NonNegative
    completion_tokens: NonNegative
    total_tokens: NonNegative | None = None


class Response(msgspec.Struct, gc=False):
    choices: Annotated[list[Choice], msgspec.Meta(min_length=1)]
    usage: Usage | None = None
    model: str | None = None


class LogRecord(msgspec.Struct, gc=False):
    workload_id: str
    client_id: str
    request: Request
    response: Response
    request_id: str | None = None
    timestamp: str | int | float | None = None
    latency_ms: Annotated[float, msgspec.Meta(ge=0)] | None = None


_decoder = msgspec.json.Decoder(LogRecord)
_json = msgspec.json.Decoder()


def _decode_error(exc: msgspec.DecodeError) -> Rejected:
    text = str(exc)
    if isinstance(exc, msgspec.ValidationError):
        if text.startswith("Object missing required field"):
            return Rejected("missing_field", text.replace("Object missing required field", "missing field"))
        if text.startswith("Expected") and not any(op in text for op in ("<", ">", "length")):
            return Rejected("wrong_type", f"wrong type: {text}")
        return Rejected("invalid_value", f"invalid value: {text}")
    if "UTF-8" in text:
        return Rejected("invalid_utf8", "line is not valid UTF-8")
    return Rejected("invalid_json", f"line is not valid JSON ({text.lower()})")


def _check_messages(messages: list[Message], where: str) -> None:
    """Check what the type system cannot: known roles, tool-call arguments that are JSON objects.

    `where` is a format string for the message's path, e.g. `$.request.messages[{}]`.
    """
    for i, m in enumerate(messages):
        path = where.format(i)
        if m.role not in ROLES:
            raise Rejected("invalid_value", f"invalid value: unknown role at `{path}.role`")
        for j, call in enumerate(m.tool_calls or ()):
            try:
                args = _json.decode(call.function.arguments)
            except (msgspec.DecodeError, RecursionError):
                args = None
            if not isinstance(args, dict):
                raise Rejected(
                    "invalid_value",
                    f"invalid value: `{path}.tool_calls[{j}].function.arguments` is not a JSON object",
                )


def decode_record(line: bytes) -> LogRecord:
    """Decode and validate one log line, or raise `Rejected`."""
    if not line.strip():
        raise Rejected("empty_line", "empty line")
    try:
        record = _decoder.decode(line)
    except msgspec.DecodeError as exc:
        raise _decode_error(exc) from None
    except RecursionError:
        raise Rejected("invalid_json", "line nests JSON too deep to read") from None
    _check_messages(record.request.messages, "$.request.messages[{}]")
    _check_messages([c.message for c in record.response.choices], "$.response.choices[{}].message")
    return record
