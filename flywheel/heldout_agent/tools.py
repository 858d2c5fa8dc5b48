"""The held-out agent's tools (OpenAI function-calling schemas) and its two workloads."""

from __future__ import annotations

from flywheel.heldout_agent.values import CURRENCIES, ROLES, ROOMS, SYSTEMS

S, N, I = {"type": "string"}, {"type": "number"}, {"type": "integer"}  # noqa: E741


def _fn(name: str, description: str, properties: dict, required: list[str]) -> dict:
    parameters = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    return {"type": "function", "function": {"name": name, "description": description, "parameters": parameters}}


def _enum(values: object) -> dict:
    return {"type": "string", "enum": list(values)}


TOOLS = {
    "reserve_room": _fn("reserve_room", "Reserve a meeting room. Times are 24-hour HH:MM, the date is YYYY-MM-DD.",
                        {"room": _enum(ROOMS), "date": S, "start": S, "end": S, "attendees": I},
                        ["room", "date", "start", "end"]),
    "submit_expense": _fn("submit_expense", "File an expense claim for the employee.",
                          {"amount": N, "currency": _enum(CURRENCIES), "merchant": S, "date": S,
                           "category": _enum(("meals", "travel", "lodging", "software", "office"))},
                          ["amount", "currency", "category", "date"]),
    "get_leave_balance": _fn("get_leave_balance", "Days of leave an employee has left this year.",
                             {"employee_id": S}, ["employee_id"]),
    "request_leave": _fn("request_leave", "Request leave for an employee between two dates (inclusive).",
                         {"employee_id": S, "first_day": S, "last_day": S,
                          "kind": _enum(("vacation", "sick", "parental", "unpaid"))},
                         ["employee_id", "first_day", "last_day", "kind"]),
    "grant_access": _fn("grant_access", "Grant a colleague access to an internal system.",
                        {"email": S, "system": _enum(SYSTEMS), "role": _enum(ROLES)}, ["email", "system", "role"]),
    "reset_password": _fn("reset_password", "Send a password reset link for a Kestrel account.",
                          {"email": S, "channel": _enum(("email", "sms"))}, ["email"]),
    "convert_currency": _fn("convert_currency", "Convert an amount between two currencies at today's rate.",
                            {"amount": N, "source": _enum(CURRENCIES), "target": _enum(CURRENCIES)},
                            ["amount", "source", "target"]),
}  # fmt: skip

WORKLOADS = {
    "workplace-assistant": {
        "tools": ["reserve_room", "get_leave_balance", "request_leave", "grant_access", "reset_password"],
        "clients": ["teams-app", "intranet", "desk-kiosk"],
        "system": "You are Kestrel Labs' workplace assistant. Today is {today}. Book rooms, handle leave, "
        "access and password requests with the tools, and answer questions about company policy. Ask when a "
        "request is missing something the tool needs.",
    },
    "finance-bot": {
        "tools": ["submit_expense", "convert_currency"],
        "clients": ["teams-app", "mobile"],
        "system": "You help Kestrel Labs employees with expenses and currencies. Today is {today}. Use the "
        "tools; amounts are plain numbers and currencies ISO codes.",
    },
}
MODELS = ("gpt-4.1-2025-04-14", "gpt-4o-2024-11-20", "claude-sonnet-4-5")
