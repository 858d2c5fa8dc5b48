"""A local OpenAI-compatible chat-completions endpoint for tests: it answers every request with
the text `answer(body)` returns and records (path, Authorization header, body) of each."""

import contextlib
import http.server
import json
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def serve(answer: Callable[[dict], str]) -> Iterator[tuple[str, list[tuple]]]:
    """Yields the endpoint's base URL (ending in /v1) and the list of requests it has seen."""
    seen: list[tuple] = []

    class Endpoint(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append((self.path, self.headers.get("Authorization"), body))
            data = json.dumps({"object": "chat.completion", "choices": [{"index": 0, "finish_reason": "stop",
                               "message": {"role": "assistant", "content": answer(body)}}]}).encode()  # fmt: skip
            self.send_response(200), self.send_header("Content-Type", "application/json"), self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1", seen
    finally:
        server.shutdown()
