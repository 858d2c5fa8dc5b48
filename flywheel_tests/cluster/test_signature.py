import json

from flywheel.cluster.signature import first_request, signature, tools_called

SYSTEM = {"role": "system", "content": "You are a support assistant."}
FUNCTION = {"name": "get_order_status", "arguments": "{}"}
CALL = {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": FUNCTION}]}


def test_request_drops_placeholders_and_collapses_digits():
    user = {
        "role": "user",
        "content": "Hi, <PERSON_1> here (<EMAIL_ADDRESS_1>), where is ORD-123456? <PHONE_NUMBER_3fa9c2e1>",
    }
    assert first_request([SYSTEM, user]) == "Hi, here , where is ORD-0?"


def test_first_call_and_its_follow_up_share_a_signature():
    user = {"role": "user", "content": "Where is my order ORD-42?"}
    first = signature(json.dumps([SYSTEM, user]), json.dumps(CALL), "support-agent")
    tool = {"role": "tool", "tool_call_id": "c1", "content": '{"status": "shipped"}'}
    answer = {"role": "assistant", "content": "It shipped."}
    follow = signature(json.dumps([SYSTEM, user, CALL, tool]), json.dumps(answer), "support-agent")
    assert first == follow
    assert (first.request, first.tool_use) == (
        "Where is my order ORD-0?",
        "calls get_order_status (agent support-agent)",
    )
    assert first.tools == ["get_order_status"] and first.example == "Where is my order ORD-42?"


def test_plain_answers_and_content_parts():
    parts = {"role": "user", "content": [{"type": "text", "text": "Summarise this"}, {"type": "image_url"}]}
    sig = signature(json.dumps([parts]), json.dumps({"role": "assistant", "content": "ok"}), None)
    assert (sig.request, sig.tool_use, sig.tools) == ("Summarise this", "answers without a tool (agent unknown)", [])
    assert tools_called([SYSTEM], {"role": "assistant", "content": "x"}) == []
