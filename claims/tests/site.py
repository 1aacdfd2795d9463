"""A small news site for the fetching and feed tests (and bench/ingest.py): pages and feeds we write ourselves.

Pages look like real ones: navigation, a cookie banner, ads, a photo with caption and credit, a
"read more" box, a footer, and a script. `news_site()` serves them, with robots.txt, an Atom and an
RSS feed, and the bad cases, from a factcheck.testing.LocalSite.
"""

from html import escape

from factcheck.testing import LocalSite, Route

HOMES = (
    "Minister says 4,000 homes were built",
    [
        "The housing ministry said on Monday that 4,000 homes were built in Niamey in 2023, twice as many as in 2022.",
        "Critics said the real figure was closer to 2,500, far below what the ministry had promised before the vote.",
        "According to the statistics office, the number of building permits rose by 12 percent between 2020 and 2023.",
    ],
)
GRAIN = (
    "Grain exports fell by a third, port data show",
    [
        "Grain exports through the port of Lagos fell by 33 percent in the first half of 2024, port data show.",
        "The agriculture minister blamed a new export tax passed in March for the drop in shipments.",
        "Traders said prices for maize doubled in May, the highest level since 2016.",
    ],
)
BUSES = (
    "City council promises 300 electric buses by 2027",
    [
        "The city council announced that it would spend $90 million on 300 electric buses by 2027.",
        "Officials expect the share of electric buses to reach 40 percent of the fleet next year.",
    ],
)


def news_page(
    title: str,
    paragraphs: list[str],
    *,
    canonical: str = "",
    author: str = "Amina Diallo",
    published: str = "2024-05-02T08:30:00+00:00",
    site_name: str = "Example News",
    lang: str = "en",
    meta_charset: str = "utf-8",
) -> str:
    """A news article page with everything around the story that a reader skips."""
    story = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    head = [f'<meta charset="{meta_charset}">'] if meta_charset else []
    head += [
        f"<title>{escape(title)} | {escape(site_name)}</title>",
        f'<meta property="og:site_name" content="{escape(site_name)}">',
        f'<meta name="author" content="{escape(author)}">',
        f'<meta property="article:published_time" content="{published}">',
    ]
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{"".join(head)}
<script>document.cookie = "tracked=1"; window.parent.postMessage("escaped", "*");</script></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad ad-leaderboard">Advertisement: Cheap flights to Lagos from $99. Book now!</div>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By {escape(author)} | Niamey</p>
<figure><img src="/photo.jpg" alt="">
<figcaption>Workers on a building site in Niamey. Photo: Jonas Weber / Example News</figcaption></figure>
{story}
</article></main>
<aside class="related"><h2>Read more</h2><ul><li><a href="/a">Ten things you missed this week</a></li>
<li><a href="/b">Opinion: why the numbers matter</a></li></ul></aside>
<div class="ad">Sponsored content: This one trick will lower your bills</div>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def atom_feed(entries: list[tuple[str, str]], *, base: str, updated: str = "2024-05-02T09:00:00Z") -> str:
    """An Atom feed of (path, title) entries, links absolute under `base`."""
    items = "".join(
        f"<entry><title>{escape(title)}</title><link href='{base}{path}'/><id>tag:example.org,2024:{path}</id>"
        f"<updated>{updated}</updated><summary>{escape(title)}</summary></entry>"
        for path, title in entries
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Example News</title><id>tag:example.org,2024:feed</id><updated>{updated}</updated>{items}</feed>"
    )


def rss_feed(entries: list[tuple[str, str]], *, base: str) -> str:
    """An RSS 2.0 feed of (path, title) entries; the links are relative, as some sites publish them."""
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{path}</link><guid isPermaLink='false'>rss{path}</guid>"
        "<pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate></item>"
        for path, title in entries
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example News</title>"
        f"<link>{base}/</link><description>News</description>{items}</channel></rss>"
    )


ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n"


def news_site() -> LocalSite:
    """The site with three stories, robots.txt and the bad cases; feeds are added by the tests."""
    site = LocalSite()
    base = site.url("").rstrip("/")
    site.routes.update(
        {
            "/robots.txt": Route(ROBOTS, content_type="text/plain"),
            "/news/homes": Route(news_page(*HOMES, canonical=f"{base}/news/homes")),
            "/news/grain": Route(news_page(*GRAIN, canonical=f"{base}/news/grain")),
            "/news/buses": Route(news_page(*BUSES)),
            "/private/memo": Route(news_page(*BUSES)),
            "/missing": Route("Not here", status=404, content_type="text/plain"),
            "/broken": Route("Internal error", status=500, content_type="text/plain"),
            "/binary": Route(bytes(range(256)) * 40, content_type="application/octet-stream"),
            "/binary-as-html": Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(4000)),
            "/loop-a": Route(status=302, headers={"Location": "/loop-b"}),
            "/loop-b": Route(status=302, headers={"Location": "/loop-a"}),
            "/moved": Route(status=301, headers={"Location": "/news/homes"}),
            "/no-text": Route("<html><head><title>Nothing</title></head><body><img src='/a.jpg'></body></html>"),
        }
    )
    return site
