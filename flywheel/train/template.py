"""The chat template Flywheel trains with where a model's own cannot render tool calling.

Gemma 3's template knows no tools, no tool calls and no tool results, and refuses a `tool` turn.
This one renders, in Gemma's turn format: the offered tools as a first turn, tool calls as
`<tool_call>{"name": ..., "arguments": ...}</tool_call>` lines, tool results as
`<tool_response>` turns, and the assistant's part between `{% generation %}` markers (for
`assistant_only_loss`). Arguments may be a JSON object or its text.
"""

from __future__ import annotations

import json
import re

TOOL_CALL = re.compile(r"<tool_call>(.*?)</tool_call>", re.DOTALL)

GEMMA_TOOLS = (
    "{{ bos_token }}"
    "{% if tools %}<start_of_turn>user\nYou may call these tools. To call one, answer with a line "
    '<tool_call>{"name": <tool name>, "arguments": <JSON object>}</tool_call> per call.\n'
    "{% for tool in tools %}{{ '\\n' }}{{ (tool.function if tool.function is defined else tool) | tojson }}{% endfor %}"
    "<end_of_turn>\n{% endif %}"
    "{% for message in messages %}"
    "{% set text = message.content if message.content is string else "
    "(message.content | map(attribute='text') | join('') if message.content else '') %}"
    "{% if message.role == 'assistant' %}<start_of_turn>model\n{% generation %}{{ text }}"
    "{% for call in message.tool_calls or [] %}<tool_call>"
    '{"name": {{ call.function.name | tojson }}, "arguments": '
    "{{ call.function.arguments if call.function.arguments is string else call.function.arguments | tojson }}}"
    "</tool_call>{% endfor %}<end_of_turn>{% endgeneration %}{{ '\\n' }}"
    "{% elif message.role == 'tool' %}<start_of_turn>user\n<tool_response>{{ text }}</tool_response><end_of_turn>\n"
    "{% else %}<start_of_turn>user\n{{ text }}<end_of_turn>\n"
    "{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model{{ '\\n' }}{% endif %}"
)


def split_calls(text: str) -> tuple[list[tuple[str, object]], list[str], str]:
    """A generated reply taken apart: its well-formed `<tool_call>` lines as (name, arguments), with
    arguments given as a JSON string decoded; the bodies of the lines that are not well-formed; and
    the text outside the calls (the end-of-turn marker dropped)."""
    calls, malformed = [], []
    for raw in TOOL_CALL.findall(text):
        try:
            call = json.loads(raw)
            name, arguments = call["name"], call.get("arguments", {})
            if isinstance(arguments, str):
                arguments = json.loads(arguments)
            if not isinstance(name, str):
                raise TypeError
            calls.append((name, arguments))
        except (ValueError, KeyError, TypeError):
            malformed.append(raw)
    return calls, malformed, TOOL_CALL.sub("", text).replace("<end_of_turn>", "").strip()


def parse_reply(text: str) -> dict:
    """A generated reply as an assistant message: its well-formed `<tool_call>` lines as tool
    calls (a line that is not is kept as text), the rest as content."""
    calls, malformed, rest = split_calls(text)
    for raw in malformed:
        rest = f"{rest}\n<tool_call>{raw}</tool_call>".strip()
    message = {"role": "assistant", "content": rest or None}
    if calls:
        message["tool_calls"] = [{"type": "function", "function": {"name": n, "arguments": a}} for n, a in calls]
    return message
