#!/usr/bin/env python3
"""Writes testdata/learn/devdiscourse/*.txt: fictional articles in the Devdiscourse text layout.

Every headline, summary, paragraph and rail item below was written for dechrome's tests; none is
copied from devdiscourse.com. The layout (menu line, byline, caption, AI note, country list,
TRENDING / OPINION rails, footer) follows the seeds in testdata/devdiscourse/. Pages vary on
purpose: bylines with and without a place, pages without a summary, AI note, country list,
credit or TRENDING rail, and TRENDING items shared by pages of the same day (as on the site).
Run from the repository root: python3 testdata/learn/make_devdiscourse.py
"""
import os

TRENDING = {
    "2025-03-21": [
        ("Harbour Strike Enters Third Week as Talks Stall", "Global"),
        ("Record Rainfall Floods Coastal Farmland", "India"),
        ("New Vaccine Plant Opens Ahead of Schedule", "Kenya"),
        ("Central Bank Holds Rates Amid Cooling Prices", "Global"),
    ],
    "2025-03-22": [
        ("Solar Auction Draws Record Number of Bidders", "Chile"),
        ("Rail Link Between Twin Cities Gets Green Light", "Global"),
        ("Drought Pushes Grain Prices to Five-Year High", "Argentina"),
        ("Tech Giants Face New Data Rules", "Global"),
    ],
}

OPINION = [
    "Why small ports matter for regional trade",
    "Rethinking urban water in an age of heat",
    "Can microgrids close the rural power gap?",
    "What the new fisheries pact means for coastal towns",
    "Teaching coding in crowded classrooms: lessons from the field",
    "The hidden cost of cheap fertiliser",
    "Mangroves as infrastructure: a case for protection",
    "How mobile money changed the village market",
    "Trade corridors and the next decade of growth",
    "Digital IDs and the promise of inclusion",
]

FOOTER = """DevShots

Latest News

Connect us on

LinkedIn Quora Youtube RSS
Give Feedback
Subscribe to our Newsletter

SECTORS

EDITIONS

OTHER LINKS

OTHER PRODUCTS

CONNECT

Devdiscourse

Email: info@devdiscourse.com
Phone: +91-720-6444012, +91-7027739813, 14, 15

VisionRI | Disclaimer | Terms of use | Privacy Policy

© Copyright 2025"""

AI_NOTE = ("This image is AI-generated and does not depict any real-life event or location. "
           "It is a fictional representation created for illustrative purposes only.")

# (date, time, author, place, title, summary, countries, ai_note, credit, trending, body)
PAGES = [
    ("2025-03-21", "08:10", "Devdiscourse News Desk", None,
     "Port Authority Unveils Plan to Double Container Capacity",
     "The port authority announced an expansion that would double container handling within five years, citing rising regional trade and congestion at existing berths. Environmental groups asked for a fuller review of dredging plans.",
     ["India"], True, True, True,
     ["The port authority on Friday set out a plan to double its container capacity within five years, adding four deep-water berths and a new rail yard behind the terminal.",
      "Officials said congestion had cost shippers several days of waiting time per vessel last year, and that the expansion would be financed partly by private operators under long-term concessions.",
      "Environmental groups welcomed the rail yard but asked for an independent study of the dredging work, warning that sediment could damage nearby fishing grounds."]),
    ("2025-03-21", "11:42", "Devdiscourse News Desk", "Nairobi",
     "Health Ministry Expands Malaria Screening in Border Districts",
     "Mobile clinics will screen residents of six border districts for malaria over the coming rainy season, the health ministry said, after a rise in cases among seasonal workers.",
     ["Kenya"], True, True, True,
     ["The health ministry will send twenty mobile clinics to six border districts ahead of the rainy season, offering free malaria tests and treatment to residents and seasonal workers.",
      "Cases in the districts rose by a third last year, according to ministry figures, with most infections recorded among farm workers who cross the border for the harvest.",
      "The programme is funded for two years and will also distribute treated bed nets to households with young children, a ministry spokesperson said."]),
    ("2025-03-21", "15:05", "Devdiscourse News Desk", "Geneva",
     "Negotiators Agree Draft Text on Plastic Waste Shipments",
     "Delegates reached agreement on a draft text tightening rules for cross-border shipments of plastic waste, though several exporting countries reserved their position.",
     ["Switzerland", "Global"], True, False, True,
     ["Negotiators meeting in Geneva agreed on Friday a draft text that would require exporters of mixed plastic waste to obtain consent from importing countries before shipment.",
      "The draft still contains bracketed passages on enforcement, and three exporting countries said they could not accept it in its present form.",
      "Campaigners said the text was a step forward but would only work if customs agencies were given the staff and equipment to inspect containers."]),
    ("2025-03-22", "09:30", "Devdiscourse News Desk", None,
     "Farm Cooperatives Turn to Solar Pumps as Diesel Costs Climb",
     "Farmer cooperatives in the dry north are replacing diesel irrigation pumps with solar units, helped by a subsidy scheme and falling panel prices.",
     [], True, True, False,
     ["Farmer cooperatives across the dry north have installed more than four thousand solar irrigation pumps since the start of the subsidy scheme, according to the agriculture department.",
      "Growers said the switch had cut their fuel bills sharply, though the up-front cost remains out of reach for smallholders who are not members of a cooperative.",
      "The department plans to extend the scheme to individual farmers next year and is testing a pay-as-you-go model with two rural banks."]),
    ("2025-03-22", "13:18", "Devdiscourse News Desk", "Santiago",
     "Copper Exporters Brace for Shipping Delays After Storm",
     "A storm that damaged loading cranes at two northern terminals is expected to delay copper shipments for up to two weeks, exporters said.",
     ["Chile"], False, True, True,
     ["Copper exporters warned of shipping delays of up to two weeks after a storm damaged loading cranes at two northern terminals on Thursday night.",
      "Terminal operators said repairs were under way and that some cargo would be diverted to a southern port, where capacity is limited.",
      "Traders said the delays were unlikely to move global prices much, as smelters hold larger stocks than a year ago."]),
    ("2025-03-21", "17:55", "Devdiscourse News Desk", None,
     "City Launches Heat Action Plan With Cooling Centres",
     "The city will open public cooling centres and shift outdoor work hours during heatwaves under a new plan approved by the council.",
     ["India"], True, True, True,
     ["The city council approved a heat action plan on Friday that will open forty public cooling centres and move outdoor work hours to early morning during declared heatwaves.",
      "The plan also sets up a text-message warning service and asks hospitals to keep beds free for heat-related illness when temperatures pass a set threshold.",
      "Labour unions said the shift in working hours must come with full pay, and asked for shaded rest areas at construction sites."]),
    ("2025-03-22", "10:02", "Devdiscourse News Desk", "Buenos Aires",
     "Grain Traders Cut Export Forecast as Drought Lingers",
     "Traders lowered their wheat export forecast for the season, pointing to a drought that has left soil moisture far below normal in the main growing areas.",
     ["Argentina"], True, True, True,
     ["Grain traders cut their wheat export forecast for the season by nearly a fifth on Saturday, saying the drought had left soil moisture far below normal across the main growing belt.",
      "The exchange said planting was running behind last year and that some farmers had switched fields to sunflower, which needs less water.",
      "Analysts expect domestic flour prices to rise in the coming months, adding pressure on a government trying to bring inflation down."]),
    ("2025-03-21", "19:40", "Devdiscourse News Desk", None,
     "Rural Schools Get Satellite Internet Under Pilot Scheme",
     None,
     ["India"], True, True, True,
     ["Two hundred rural schools will receive satellite internet connections under a pilot scheme announced by the education ministry on Friday.",
      "The ministry said teachers would be trained to use online lesson material, and that the scheme would be evaluated after one school year before any wider roll-out.",
      "Head teachers in remote districts said reliable power remained a bigger obstacle than connectivity, and asked for solar kits to be included."]),
    ("2025-03-22", "16:25", "Devdiscourse News Desk", "Manila",
     "Typhoon Shelters Upgraded Ahead of Storm Season",
     "Coastal provinces are reinforcing evacuation shelters and stocking emergency supplies before the storm season, the disaster agency said.",
     ["Philippines"], True, True, True,
     ["Coastal provinces have begun reinforcing evacuation shelters and stocking food, water and medicine ahead of the storm season, the national disaster agency said on Saturday.",
      "The agency said more than three hundred schools used as shelters would receive new roofs and backup generators by the end of June.",
      "Local officials asked for faster release of funds, saying procurement rules had delayed similar work last year."]),
    ("2025-03-22", "18:12", "Devdiscourse News Desk", None,
     "Textile Workers Win Wage Rise After Week-Long Strike",
     "Garment factory owners agreed to raise minimum monthly wages after a week-long strike that halted production at dozens of plants.",
     ["Bangladesh"], True, True, False,
     ["Garment factory owners agreed on Saturday to raise the minimum monthly wage for textile workers, ending a week-long strike that had halted production at dozens of plants.",
      "Union leaders said the rise fell short of their demand but would be reviewed again next year, and that workers would return to the factories on Monday.",
      "Buyers from Europe had urged a quick settlement, warning that further delays could push orders to other suppliers in the region."]),
]


def page(i, p):
    (date, time, author, place, title, summary, countries, ai_note, credit, trending, body) = p
    y, m, d = date.split("-")
    stamp = f"{d}-{m}-{y} {time} IST"
    out = [f" date {date} Left Menu", "", title, ""]
    if summary:
        out += [summary, ""]
    byline = author + (f" | {place}" if place else "") + f" | Updated: {stamp} | Created: {stamp}"
    out += [byline, title]
    if ai_note:
        out.append(AI_NOTE)
    if countries:
        out.append("  • Country:" if len(countries) == 1 else "  • Countries:")
        out += [f"  • {c}" for c in countries]
    out.append("")
    for para in body:
        out += [para, ""]
    if credit:
        out += ["(With inputs from agencies.)", ""]
    if trending:
        out += ["TRENDING", ""]
        for n, (head, where) in enumerate(TRENDING[date], 1):
            out += [str(n), head, "", head, "", f" {where}"]
        out.append("")
    out += ["OPINION / BLOG / INTERVIEW", ""]
    for k in range(4):
        out += [OPINION[(i * 3 + k) % len(OPINION)], ""]
    out.append(FOOTER)
    return "\n".join(out) + "\n"


here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devdiscourse")
os.makedirs(here, exist_ok=True)
for i, p in enumerate(PAGES):
    with open(os.path.join(here, f"{i:02d}.txt"), "w") as f:
        f.write(page(i, p))
