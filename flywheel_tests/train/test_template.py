"""Flywheel's chat template renders tool calling, and a generated reply parses back."""

from transformers import AutoTokenizer

from flywheel.train.template import parse_reply

TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
CALL = {"type": "function", "function": {"name": "lookup", "arguments": {"id": "A-1"}}}
CONVERSATION = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Find A-1"},
    {"role": "assistant", "content": None, "tool_calls": [CALL]},
    {"role": "tool", "tool_call_id": "c1", "content": '{"found": true}'},
    {"role": "assistant", "content": "Found it."},
]


def test_tools_calls_and_results_are_rendered_and_the_prompt_is_a_prefix(tiny_model):
    tok = AutoTokenizer.from_pretrained(str(tiny_model))
    full = tok.apply_chat_template(CONVERSATION, tools=TOOLS, tokenize=False)
    assert '{"name": "lookup", "parameters": {"type": "object"}}' in full
    assert '<tool_call>{"name": "lookup", "arguments": {"id": "A-1"}}</tool_call>' in full
    assert '<tool_response>{"found": true}</tool_response>' in full
    prompt = tok.apply_chat_template(CONVERSATION[:-1], tools=TOOLS, tokenize=False, add_generation_prompt=True)
    assert full.startswith(prompt) and full[len(prompt) :].startswith("Found it.<end_of_turn>")
    string_args = [*CONVERSATION[:2], {**CONVERSATION[2], "tool_calls": [
        {"type": "function", "function": {"name": "lookup", "arguments": '{"id": "A-1"}'}}]}]  # fmt: skip
    assert '"arguments": {"id": "A-1"}}' in tok.apply_chat_template(string_args, tools=TOOLS, tokenize=False)


def test_only_the_replies_are_marked_for_assistant_only_loss(tiny_model):
    tok = AutoTokenizer.from_pretrained(str(tiny_model))
    out = tok.apply_chat_template(CONVERSATION, tools=TOOLS, return_dict=True, return_assistant_tokens_mask=True)
    marked = tok.decode([t for t, m in zip(out["input_ids"], out["assistant_masks"], strict=True) if m])
    assert "Found it." in marked and "lookup" in marked and "Find A-1" not in marked


def test_a_reply_parses_into_tool_calls_and_text():
    reply = parse_reply('Sure.<tool_call>{"name": "lookup", "arguments": {"id": "A-1"}}</tool_call><end_of_turn>')
    assert reply == {"role": "assistant", "content": "Sure.", "tool_calls": [CALL]}
    assert parse_reply("<tool_call>{broken</tool_call>")["content"] == "<tool_call>{broken</tool_call>"
