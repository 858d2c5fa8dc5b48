"""Tool definitions (OpenAI function-calling JSON schemas) offered by each sample workload."""

from __future__ import annotations


def _tool(name: str, description: str, properties: dict, required: list[str]) -> dict:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {"type": "object", "properties": properties, "required": required},
        },
    }


S = {"type": "string"}
N = {"type": "number"}
I = {"type": "integer"}  # noqa: E741

TOOLS = {
    "create_ticket": _tool(
        "create_ticket", "Open a support ticket for a customer problem.",
        {"customer_name": S, "email": S, "phone": S, "product": S,
         "category": {"type": "string", "enum": ["hardware", "software", "billing", "delivery"]},
         "priority": {"type": "string", "enum": ["low", "normal", "high", "urgent"]}, "summary": S},
        ["customer_name", "email", "category", "priority", "summary"],
    ),
    "get_order_status": _tool(
        "get_order_status", "Look up where an order is.", {"order_id": S}, ["order_id"]
    ),
    "issue_refund": _tool(
        "issue_refund", "Refund all or part of an order.",
        {"order_id": S, "amount": N, "reason": S,
         "method": {"type": "string", "enum": ["card", "bank_transfer"]},
         "card_number": S, "iban": S},
        ["order_id", "amount", "method"],
    ),
    "verify_identity": _tool(
        "verify_identity", "Verify a customer's identity before account changes.",
        {"full_name": S, "ssn": S, "date_of_birth": S}, ["full_name", "ssn", "date_of_birth"],
    ),
    "lock_account": _tool(
        "lock_account", "Lock an account after a suspicious login.",
        {"email": S, "suspicious_ip": S, "reason": S}, ["email", "suspicious_ip"],
    ),
    "create_calendar_event": _tool(
        "create_calendar_event", "Put a meeting in the calendar and invite people.",
        {"title": S, "date": S, "start_time": S, "duration_minutes": I,
         "attendees": {"type": "array", "items": S}},
        ["title", "date", "start_time"],
    ),
    "run_sql": _tool(
        "run_sql", "Run a read-only SQL query against the analytics warehouse.",
        {"query": S}, ["query"],
    ),
    "get_weather": _tool(
        "get_weather", "Weather forecast for a city and day.", {"city": S, "date": S}, ["city"]
    ),
    "search_flights": _tool(
        "search_flights", "Find flights between two cities.",
        {"origin": S, "destination": S, "departure_date": S, "passengers": I},
        ["origin", "destination", "departure_date"],
    ),
}  # fmt: skip

WORKLOADS = {
    "support-agent": {
        "tools": [
            "create_ticket",
            "get_order_status",
            "issue_refund",
            "verify_identity",
            "lock_account",
        ],
        "clients": ["web-chat", "mobile-ios", "mobile-android", "email-bridge"],
        "system": "You are Acme's customer support assistant. Use the tools to help the customer. "
        "Be concise and polite.",
    },
    "ops-assistant": {
        "tools": ["create_calendar_event", "run_sql"],
        "clients": ["slack-bot", "web-app"],
        "system": "You are an internal operations assistant for Acme staff. Schedule meetings, "
        "answer data questions with SQL against the warehouse, and summarise documents.",
    },
    "travel-agent": {
        "tools": ["get_weather", "search_flights"],
        "clients": ["partner-api", "web-app", "mobile-ios"],
        "system": "You are a travel planning assistant. Check the weather and search flights when the traveller asks.",
    },
}
MODELS = ("gpt-4o-2024-08-06", "gpt-4.1-2025-04-14", "claude-sonnet-4-5")
