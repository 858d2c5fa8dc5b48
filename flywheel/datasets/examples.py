"""One scrubbed trace as a training example, or the reason it cannot be one.

An example is what TRL's `SFTTrainer` takes for tool calling: `messages` (the conversation as
the LLM saw it, then the LLM's logged reply as the last assistant turn) and `tools` (the JSON
schemas the agent offered). Follow-up calls, whose conversation carries tool calls and tool
results, are examples too: the target is always the reply of that call.

A reply is not learnt from when the LLM did not finish (`finish_reason` other than `stop` or
`tool_calls`: cut at the length limit, filtered, errored), when it is empty, or when a tool call
in it is malformed: arguments that are not a JSON object, a tool the agent did not offer, or
arguments that do not fit the tool's JSON schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import jsonschema

# the reasons an example is left out; each is counted in the dataset's metadata
ERRORED = "errored_or_truncated"
EMPTY = "empty_reply"
NOT_JSON = "arguments_not_json"
NOT_OFFERED = "tool_not_offered"
OFF_SCHEMA = "arguments_off_schema"
UNREADABLE = "unreadable_trace"
FINISHED = {"stop", "tool_calls", "function_call"}


@dataclass(frozen=True)
class Example:
    messages: list[dict]  # the prompt, then the target reply as the last message
    tools: list[dict]
    kind: str  # "tool_call" or "text"
    first_tool: str | None  # the first tool the reply calls


def to_example(messages_json: str, response_json: str, tools_json: str | None,
               finish_reason: str | None) -> Example | str:  # fmt: skip
    """The example of one trace, or the reason (one of the constants above) it is left out."""
    try:
        messages, reply = json.loads(messages_json), json.loads(response_json)
        tools = json.loads(tools_json) if tools_json else []
    except (TypeError, ValueError):
        return UNREADABLE
    if not isinstance(messages, list) or not isinstance(reply, dict) or not isinstance(tools, list):
        return UNREADABLE
    if finish_reason is not None and finish_reason not in FINISHED:
        return ERRORED
    calls = reply.get("tool_calls") or []
    content = reply.get("content")
    if not calls and not (isinstance(content, str) and content.strip()):
        return EMPTY
    schemas = tool_schemas(json.dumps(tools, sort_keys=True))
    parsed_calls = []
    for call in calls:
        function = call.get("function") or {}
        name, arguments = function.get("name"), function.get("arguments")
        try:
            args = json.loads(arguments) if isinstance(arguments, str) else arguments
        except ValueError:
            return NOT_JSON
        if not isinstance(args, dict):
            return NOT_JSON
        if name not in schemas:
            return NOT_OFFERED
        if not fits_schema(schemas[name], args):
            return OFF_SCHEMA
        parsed_calls.append({"id": call.get("id"), "type": "function", "function": {"name": name, "arguments": args}})
    target = {"role": "assistant", "content": content if isinstance(content, str) and content.strip() else None}
    if parsed_calls:
        target["tool_calls"] = parsed_calls
    kind = "tool_call" if parsed_calls else "text"
    first = parsed_calls[0]["function"]["name"] if parsed_calls else None
    return Example([*messages, target], tools, kind, first)


@lru_cache(maxsize=256)
def tool_schemas(tools_key: str) -> dict[str, dict]:
    """Tool name -> its parameters' JSON schema (an empty schema where none is given)."""
    out = {}
    for tool in json.loads(tools_key):
        function = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(function, dict) and isinstance(function.get("name"), str):
            params = function.get("parameters")
            out[function["name"]] = params if isinstance(params, dict) else {}
    return out


def fits_schema(schema: dict, args: dict) -> bool:
    try:
        validator = jsonschema.validators.validator_for(schema)
        validator(schema).validate(args)
    except jsonschema.ValidationError:
        return False
    except jsonschema.SchemaError:
        return True  # the agent's schema itself is broken: the call cannot be judged by it
    return True
