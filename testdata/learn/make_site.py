#!/usr/bin/env python3
"""Writes testdata/learn/site/NN.html and NN.body.txt: six pages of a made-up news site,
"The Riverside Ledger", with a shared header, nav, sidebar, newsletter box, share bar and footer
around different articles. All text was written for dechrome's tests. NN.body.txt is the
article body (paragraphs, blank line between), the reference for cleaning.
Run from the repository root: python3 testdata/learn/make_site.py
"""
import html
import os

MOST_READ = [
    "Council approves new cycle lanes on Mill Street",
    "Flood defences tested as river rises",
    "Local bakery wins regional award",
    "School choir heads to national final",
    "Bus route 12 to be restored in spring",
    "Farmers market moves to the old station",
    "Library opens late on Thursdays",
    "Rowing club celebrates its centenary",
    "New footbridge links the two parks",
]

PAGES = [
    ("Riverside hospital opens new children's ward", "Amara Quist", "March 3, 2025",
     ["The new children's ward at Riverside General opened on Monday after two years of building work, adding twenty beds and a play area for long-stay patients.",
      "Staff said the old ward had been too small for the number of families travelling from the valley towns, and that parents can now stay overnight beside their children.",
      "The hospital trust paid for most of the work, with a local charity raising the rest through a year of fun runs and bake sales."]),
    ("Ferry fares to rise by ten percent in April", "Tomasz Reed", "March 5, 2025",
     ["Passengers on the cross-river ferry will pay ten percent more from the first of April, the operator announced, blaming higher fuel and insurance costs.",
      "Season tickets for commuters will rise by less, and children under twelve will continue to travel free at weekends.",
      "The town's business association said the increase would hurt shops on the east bank, which rely on day visitors crossing from the station side."]),
    ("Old tannery to become artists' studios", "Lena Okafor", "March 8, 2025",
     ["The derelict tannery on Wharf Lane will be turned into thirty studios for artists and craftspeople under plans approved by the planning committee on Thursday.",
      "The developer will keep the brick chimney and the cast-iron frame of the drying shed, which are listed, and add a small gallery open to the public.",
      "Neighbours had objected to parking on the narrow lane, and the committee asked for a travel plan before work begins.",
      "Rents will be capped for the first five years, the council said."]),
    ("Volunteers count record number of otters", "Amara Quist", "March 11, 2025",
     ["Volunteers taking part in the spring otter survey recorded forty-one animals along the river, the highest count since the survey began.",
      "The wildlife trust credited cleaner water and new log piles on the banks, which give otters places to rest during the day.",
      "Organisers asked walkers to keep dogs on leads near the reed beds, where several families of otters have been seen."]),
    ("Market square to be closed to cars on Saturdays", "Tomasz Reed", "March 14, 2025",
     ["Cars will be banned from the market square on Saturdays from May under a six-month trial agreed by the town council.",
      "Traders were split: stallholders welcomed the extra space while some shop owners feared losing customers who drive in from the villages.",
      "The council will add a shuttle bus from the station car park and review footfall figures at the end of the trial."]),
    ("Youth orchestra raises funds for new instruments", "Lena Okafor", "March 17, 2025",
     ["The Riverside Youth Orchestra has raised enough money to replace its worn-out timpani and buy two cellos, after a sell-out concert in the parish church.",
      "Conductor Maria Hale said the new instruments would let the orchestra take on larger works and accept more young players from the waiting list.",
      "The orchestra rehearses on Tuesday evenings and is looking for volunteers to help with transport to concerts."]),
]


def render(i, title, author, date, paras):
    e = html.escape
    most = [MOST_READ[(i * 2 + k) % len(MOST_READ)] for k in range(4)]
    body = "\n".join(f"      <p>{e(p)}</p>" for p in paras)
    items = "\n".join(f'        <li><a href="/story/{k}">{e(t)}</a></li>' for k, t in enumerate(most))
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(title)} | The Riverside Ledger</title>
</head>
<body>
  <header id="site-header">
    <div class="logo"><a href="/">The Riverside Ledger</a></div>
    <p class="tagline">News from the river towns since 1921</p>
  </header>
  <nav class="main-nav">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/local">Local</a></li>
      <li><a href="/business">Business</a></li>
      <li><a href="/sport">Sport</a></li>
      <li><a href="/culture">Culture</a></li>
      <li><a href="/opinion">Opinion</a></li>
    </ul>
  </nav>
  <div class="page">
    <main>
      <article class="story">
      <h1>{e(title)}</h1>
      <p class="byline">By {e(author)} | {e(date)}</p>
{body}
      <div class="share-bar">Share this story <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
      </article>
    </main>
    <aside class="sidebar">
      <h3>Most read</h3>
      <ul>
{items}
      </ul>
      <div id="newsletter">
        <h3>Get the Ledger in your inbox</h3>
        <p>Sign up for our morning briefing.</p>
      </div>
    </aside>
  </div>
  <footer class="site-footer">
    <p><a href="/about">About us</a> · <a href="/contact">Contact</a> · <a href="/advertise">Advertise</a> · <a href="/privacy">Privacy</a></p>
    <p>© 2025 Riverside Ledger Media Ltd.</p>
  </footer>
</body>
</html>
"""


here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")
os.makedirs(here, exist_ok=True)
for i, (title, author, date, paras) in enumerate(PAGES):
    with open(os.path.join(here, f"{i:02d}.html"), "w") as f:
        f.write(render(i, title, author, date, paras))
    with open(os.path.join(here, f"{i:02d}.body.txt"), "w") as f:
        f.write("\n\n".join(paras) + "\n")
