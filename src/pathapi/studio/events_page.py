"""The live studio's event stream: one server-sent ``change`` event each time a file is saved."""

from __future__ import annotations

import time
from collections.abc import Iterator

from flask import Response, stream_with_context

from pathapi.studio.views import blp, studio


@blp.get("/events")
def events() -> Response:
    """Server-sent events for the live studio: one ``change`` event each time a file is saved."""
    source = studio().source
    if not source.live:
        return Response("live reload is only for `pathapi studio`\n", status=404, mimetype="text/plain")
    start = source.check()

    def stream() -> Iterator[str]:
        yield f"retry: 1000\nevent: hello\ndata: {start}\n\n"
        seen, quiet = start, 0.0
        while True:
            time.sleep(0.4)
            now = source.check()
            quiet += 0.4
            if now != seen:
                seen, quiet = now, 0.0
                yield f"event: change\ndata: {now}\n\n"
            elif quiet >= 15:
                quiet = 0.0
                yield ": still here\n\n"

    return Response(stream_with_context(stream()), mimetype="text/event-stream")
