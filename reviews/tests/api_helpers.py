"""Helpers for the API tests: drive a claim through the real services to a published verdict."""

from claims.tests.factories import ClaimFactory
from factcheck.testing import LocalServer
from reviews import services
from reviews.services import source_add


def drafted(*, reviewer, claim=None, rating="false", summary="The figure is wrong."):
    """A claim in review with one source and a draft verdict by `reviewer`."""
    claim = claim or ClaimFactory(claimant="The minister")
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    source = source_add(claim=claim, actor=reviewer, url=f"https://stats.example.org/report/{claim.pk}")
    verdict = services.verdict_create(
        claim=claim,
        actor=reviewer,
        rating=rating,
        summary=summary,
        explanation="<p>The official report gives a different number.</p>",
        sources=[source.pk],
    )
    return claim, verdict


def submitted(*, reviewer, claim=None, **kwargs):
    claim, verdict = drafted(reviewer=reviewer, claim=claim, **kwargs)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    return claim, verdict


def published(*, reviewer, editor, claim=None, **kwargs):
    claim, verdict = submitted(reviewer=reviewer, claim=claim, **kwargs)
    services.verdict_approve(verdict=verdict, actor=editor)
    claim.refresh_from_db()
    verdict.refresh_from_db()
    return claim, verdict


def corrected(*, claim, editor, author, note="The report was revised; the rating changes.", rating="mostly-false"):
    """Publish a correction (version n+1) written by `author` and approved by `editor`."""
    source_ids = list(claim.sources.values_list("pk", flat=True))
    verdict = services.verdict_create(
        claim=claim,
        actor=author,
        rating=rating,
        summary="The figure is close but overstated.",
        explanation="<p>Revised report.</p>",
        sources=source_ids,
        correction_note=note,
    )
    services.verdict_submit(verdict=verdict, actor=author)
    services.verdict_approve(verdict=verdict, actor=editor)
    verdict.refresh_from_db()
    return verdict


class Receiver(LocalServer):
    """A LocalServer that records what it is sent.

    `script` is a list of (status, headers, body, delay_seconds) answers used in order; after it
    runs out every request gets 200.
    """

    def __init__(self):
        from http.server import BaseHTTPRequestHandler

        self.requests = []
        self.script = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                import time

                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, headers, answer, delay = receiver.script.pop(0) if receiver.script else (200, {}, b"ok", 0)
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        super().__init__(Handler)

    def url(self, path="/hook") -> str:
        return super().url(path)
