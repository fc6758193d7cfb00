"""Where one HTTP/1.1 request ends, found in the bytes read so far, without blocking on the socket.

``RequestReader.feed(data)`` takes the bytes of a connection as they come and says when the request is whole:
its head (request line and fields, up to the empty line), then its body, of Content-Length bytes or in chunks up
to the last chunk and the trailer fields. It reads only what it needs to know the end; the HTTP parser that
serves the request checks the rest. A body announced or sent larger than the limit, and a head that never ends,
are refused here, before the body is read.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MORE", "WHOLE", "Refusal", "RequestReader"]

#: ``feed`` results: more bytes are needed; the request is whole (or is for the HTTP parser to refuse)
MORE = "more"
WHOLE = "whole"

#: the longest head read (request line and fields); longer is a 431
MAX_HEAD = 64 * 1024
#: the longest chunk-size line or trailer field; longer is left for the parser to refuse
_MAX_LINE = 4096


@dataclass(frozen=True)
class Refusal:
    """A request refused before it is whole: the answer's status, title and detail."""

    status: int
    title: str
    detail: str


class RequestReader:
    """The framing of one request (see the module docstring); ``max_body`` in bytes, None for no limit."""

    def __init__(self, max_body: int | None):
        self.max_body = max_body
        self.data = bytearray()
        self.state = "head"
        self.cursor = 0  # where the next thing to read starts
        self.need = 0  # "length" and "chunk": the offset where the body or the chunk's data ends
        self.body_size = 0
        self.expects_continue = False
        self.head_end = 0

    def feed(self, data: bytes) -> str | Refusal:
        """Add ``data``; ``MORE``, ``WHOLE`` or a ``Refusal``."""
        self.data += data
        while True:
            step = getattr(self, "_" + self.state)()
            if step is not None:
                return step

    # each state reads what it can; None means "go on in the new state"

    def _head(self):
        data = self.data
        start = 0
        while data.startswith(b"\r\n", start) or data.startswith(b"\n", start):  # empty lines before a request
            start += 2 if data.startswith(b"\r\n", start) else 1
        end = data.find(b"\r\n\r\n", max(start, self.cursor - 3))
        if end < 0:
            self.cursor = len(data)
            if len(data) - start > MAX_HEAD:
                return Refusal(431, "Request Header Fields Too Large",
                               f"The request line and header fields are longer than {MAX_HEAD} bytes.")
            return MORE
        if end - start > MAX_HEAD:
            return Refusal(431, "Request Header Fields Too Large",
                           f"The request line and header fields are longer than {MAX_HEAD} bytes.")
        fields: dict[str, list[str]] = {}
        for line in bytes(data[start:end]).split(b"\r\n")[1:]:
            name, colon, value = line.partition(b":")
            if colon:
                fields.setdefault(name.strip().lower().decode("latin-1"), []).append(
                    value.strip().decode("latin-1"))
        self.cursor = self.head_end = end + 4
        coding = fields.get("transfer-encoding")
        length = fields.get("content-length")
        if coding is not None:
            if length is not None or coding[-1].split(",")[-1].strip().lower() != "chunked":
                return WHOLE  # the parser refuses both, or an unknown coding
            self.expects_continue = _expects_continue(fields)
            self.state = "chunk_size"
            return None
        if length is None:
            return WHOLE  # no body
        if len(length) != 1 or not (length[0].isascii() and length[0].isdigit()):
            return WHOLE  # the parser refuses it
        size = int(length[0])
        if self.max_body is not None and size > self.max_body:
            return Refusal(413, "Request Entity Too Large",
                           f"The body is larger than the limit of {self.max_body} bytes.")
        self.expects_continue = size > 0 and _expects_continue(fields)
        self.need = self.cursor + size
        self.state = "length"
        return None

    def _length(self):
        return WHOLE if len(self.data) >= self.need else MORE

    def _chunk_size(self):
        end = self.data.find(b"\r\n", self.cursor)
        if end < 0:
            if len(self.data) - self.cursor > _MAX_LINE:
                return Refusal(400, "Bad Request", f"A chunk-size line is longer than {_MAX_LINE} bytes.")
            return MORE
        text = bytes(self.data[self.cursor:end]).split(b";", 1)[0].strip()
        try:
            size = int(text, 16) if text and all(c in b"0123456789abcdefABCDEF" for c in text) else None
        except ValueError:
            size = None
        if size is None:
            return Refusal(400, "Bad Request", f"Invalid chunk size: {_shown(text)}.")
        self.cursor = end + 2
        if size == 0:
            self.state = "trailer"
            return None
        self.body_size += size
        if self.max_body is not None and self.body_size > self.max_body:
            return Refusal(413, "Request Entity Too Large",
                           f"The body is larger than the limit of {self.max_body} bytes.")
        self.need = self.cursor + size + 2  # the data and its CRLF
        self.state = "chunk"
        return None

    def _chunk(self):
        if len(self.data) < self.need:
            return MORE
        if self.data[self.need - 2:self.need] != b"\r\n":
            return Refusal(400, "Bad Request", "A chunk's data does not end with CRLF.")
        self.cursor = self.need
        self.state = "chunk_size"
        return None

    def _trailer(self):
        end = self.data.find(b"\r\n", self.cursor)
        if end < 0:
            return WHOLE if len(self.data) - self.cursor > _MAX_LINE else MORE
        line_empty = end == self.cursor
        self.cursor = end + 2
        return WHOLE if line_empty else None


    def without_expect(self) -> bytes:
        """The bytes read, without the head's Expect fields: for a server that has already answered
        ``100 Continue`` (the HTTP parser would answer it again)."""
        head = bytes(self.data[:self.head_end])
        lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"expect:")]
        return b"\r\n".join(lines) + bytes(self.data[self.head_end:])


def _shown(text: bytes) -> str:
    """A few bytes of the request, as they may appear in an answer."""
    return repr(text[:40])[1:]


def _expects_continue(fields: dict[str, list[str]]) -> bool:
    return any(value.lower() == "100-continue" for value in fields.get("expect", []))
