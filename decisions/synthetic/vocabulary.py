"""Word lists that `generate_register` composes synthetic council records from.

Everything here is invented: the councils, places and people do not exist. The services and
phrasing follow what English, Welsh, Scottish and Northern Irish councils print in their
decision registers.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    """A council service: who holds it in Cabinet, which officer post runs it, what it decides."""

    name: str
    portfolio: str
    director: str
    subjects: tuple[str, ...]
    providers: tuple[str, ...]


SERVICES = (
    Service(
        "Adult Social Care",
        portfolio="Adult Social Care",
        director="Director of Adult Social Services",
        subjects=(
            "home care services",
            "day opportunities for adults with learning disabilities",
            "residential and nursing care placements",
            "extra care housing",
            "support for unpaid carers",
            "reablement services",
            "supported living services",
            "direct payments support",
            "the community equipment service",
            "mental health floating support",
        ),
        providers=("Care", "Homecare", "Support Services", "Community Care"),
    ),
    Service(
        "Highways",
        portfolio="Highways and Transport",
        director="Director of Place",
        subjects=(
            "the highways maintenance programme",
            "street lighting LED replacement",
            "the winter gritting service",
            "pothole repairs",
            "the local transport plan",
            "road safety schemes",
            "residents' parking zones",
            "bus shelter replacement",
            "cycle lane improvements",
            "bridge strengthening works",
        ),
        providers=("Highways", "Civil Engineering", "Surfacing", "Infrastructure"),
    ),
    Service(
        "Libraries",
        portfolio="Communities and Culture",
        director="Head of Libraries and Culture",
        subjects=(
            "the library service",
            "the mobile library service",
            "community-managed libraries",
            "library opening hours",
            "the library management system",
            "digital inclusion in libraries",
        ),
        providers=("Library Systems", "Digital Services"),
    ),
    Service(
        "Waste",
        portfolio="Environment and Waste",
        director="Director of Place",
        subjects=(
            "household waste collection",
            "the household recycling centre",
            "the garden waste subscription service",
            "food waste collection",
            "street cleansing",
            "fly-tipping enforcement",
            "the waste disposal contract",
        ),
        providers=("Waste Management", "Recycling", "Environmental Services"),
    ),
    Service(
        "Housing",
        portfolio="Housing",
        director="Director of Housing",
        subjects=(
            "temporary accommodation",
            "the housing allocations policy",
            "disabled facilities grants",
            "homelessness prevention services",
            "the council housing repairs contract",
            "bringing empty homes back into use",
            "the housing revenue account business plan",
            "affordable housing delivery",
        ),
        providers=("Housing Association", "Building Services", "Property Maintenance"),
    ),
    Service(
        "Planning",
        portfolio="Planning and Regeneration",
        director="Director of Place",
        subjects=(
            "the local plan",
            "the design supplementary planning document",
            "the community infrastructure levy charging schedule",
            "the conservation area appraisal",
            "the neighbourhood plan",
            "the statement of community involvement",
            "the brownfield land register",
        ),
        providers=("Planning Consultants", "Surveyors"),
    ),
    Service(
        "Children's Services",
        portfolio="Children and Young People",
        director="Director of Children's Services",
        subjects=(
            "children's centres",
            "home to school transport",
            "the fostering service",
            "short breaks for disabled children",
            "school place planning",
            "special educational needs provision",
            "youth services",
        ),
        providers=("Children's Services", "Education Services", "Transport"),
    ),
    Service(
        "Public Health",
        portfolio="Health and Wellbeing",
        director="Director of Public Health",
        subjects=(
            "the sexual health service",
            "drug and alcohol treatment services",
            "the stop smoking service",
            "health visiting and school nursing",
            "NHS health checks",
            "weight management services",
        ),
        providers=("Health", "Wellbeing Services", "Community Health"),
    ),
    Service(
        "Leisure",
        portfolio="Communities and Culture",
        director="Director of Place",
        subjects=(
            "the leisure centre management contract",
            "parks and open spaces",
            "the museum service",
            "sports pitches",
            "allotments",
            "arts development grants",
        ),
        providers=("Leisure", "Grounds Maintenance", "Trust"),
    ),
    Service(
        "Finance",
        portfolio="Resources",
        director="Director of Finance (Section 151 Officer)",
        subjects=(
            "the medium term financial strategy",
            "the capital programme",
            "the council tax support scheme",
            "the treasury management strategy",
            "fees and charges",
            "the disposal of surplus council property",
            "the ICT infrastructure contract",
            "business rates relief",
        ),
        providers=("Technology", "Financial Services", "Consulting"),
    ),
    Service(
        "Regeneration",
        portfolio="Planning and Regeneration",
        director="Director of Place",
        subjects=(
            "the town centre regeneration scheme",
            "the high street improvement fund",
            "the enterprise zone",
            "the shared prosperity fund programme",
            "the riverside redevelopment",
            "the market hall refurbishment",
        ),
        providers=("Construction", "Developments", "Regeneration Partners"),
    ),
    Service(
        "Environment",
        portfolio="Environment and Waste",
        director="Director of Place",
        subjects=(
            "the climate emergency action plan",
            "the tree planting programme",
            "air quality monitoring",
            "flood risk management",
            "electric vehicle charging points",
            "the biodiversity net gain strategy",
        ),
        providers=("Energy", "Environmental Consultants", "Ecology"),
    ),
)

LEADER_PORTFOLIO = "Leader of the Council"
OTHER_OFFICER_POSTS = ("Chief Executive", "Director of Legal and Governance")
# Call-ins go to this committee (s9F, Local Government Act 2000).
SCRUTINY_COMMITTEE = "Overview and Scrutiny Committee"
COMMITTEES = (
    "Planning Committee",
    "Licensing Committee",
    "Audit and Governance Committee",
    SCRUTINY_COMMITTEE,
    "Health and Wellbeing Board",
)
OFFICER_TITLES = (
    "Commissioning Manager",
    "Service Manager",
    "Head of Service",
    "Senior Project Officer",
    "Strategic Lead",
    "Programme Manager",
    "Policy Officer",
    "Contracts Manager",
)

# (place, kind of council, nation, reference prefix, brand colour); cycled, then numbered.
COUNCILS = (
    ("Ashcombe Vale", "District Council", "england", "AV", "#1d70b8"),
    ("Bryngarth", "County Borough Council", "wales", "BG", "#00703c"),
    ("Glenmorrin", "Council", "scotland", "GM", "#4c2c92"),
    ("Lough Carran", "District Council", "northern_ireland", "LC", "#912b88"),
    ("Kelmarsh", "Borough Council", "england", "KB", "#d4351c"),
    ("Thornbury Fells", "County Council", "england", "TF", "#28a197"),
    ("Wendlecombe", "City Council", "england", "WC", "#f47738"),
)

FIRST_NAMES = (
    "Alison", "Amir", "Andrew", "Angela", "Ben", "Bethan", "Catherine", "Chris", "Claire",
    "Daniel", "David", "Deborah", "Eleanor", "Emma", "Fatima", "Fiona", "Gareth", "Grace",
    "Hannah", "Harjit", "Ian", "Imran", "James", "Jane", "Joanne", "John", "Karen", "Kevin",
    "Laura", "Liam", "Lucy", "Mark", "Martin", "Michelle", "Mohammed", "Nadia", "Neil", "Nicola",
    "Owen", "Patricia", "Paul", "Priya", "Rachel", "Rhys", "Richard", "Sarah", "Sean", "Sian",
    "Simon", "Sophie", "Stephen", "Susan", "Thomas", "Tom", "Vikram", "Wendy", "Yasmin",
)  # fmt: skip
SURNAMES = (
    "Ahmed", "Allen", "Bailey", "Baker", "Begum", "Bell", "Brown", "Campbell", "Clarke",
    "Cooper", "Davies", "Edwards", "Evans", "Fletcher", "Graham", "Green", "Griffiths", "Hall",
    "Harris", "Hughes", "Hussain", "Jackson", "James", "Jones", "Kaur", "Kelly", "Khan", "Lewis",
    "MacDonald", "Martin", "Morgan", "Murphy", "O'Neill", "Owen", "Patel", "Phillips", "Price",
    "Roberts", "Robertson", "Robinson", "Scott", "Shah", "Singh", "Smith", "Stewart", "Taylor",
    "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson",
    "Wood", "Wright", "Young",
)  # fmt: skip

WARD_STEMS = (
    "Abbey", "Ashfield", "Barrow", "Beacon", "Brook", "Castle", "Church", "Coombe", "Eastgate",
    "Fairfield", "Forest", "Hales", "Harbour", "Heath", "Highfield", "Kingsmead", "Lansdown",
    "Market", "Meadow", "Mill", "Moor", "Newbridge", "Oakley", "Old Town", "Parkside", "Priory",
    "Queensway", "Riverside", "St Mary's", "Southdown", "Stoke", "Tower", "Valley", "Westfield",
    "Whitehill", "Windmill",
)  # fmt: skip
WARD_FORMS = ("{stem}", "{stem} North", "{stem} South", "{stem} and {other}", "Upper {stem}")

SUPPLIER_STEMS = (
    "Apex", "Beacon", "Bridgewater", "Caldicot", "Castlegate", "Compass", "Crown", "Elmwood",
    "Evergreen", "Fernhill", "Greenway", "Harbourside", "Heritage", "Horizon", "Keystone",
    "Lakeside", "Meridian", "Northgate", "Oakwood", "Pennine", "Pioneer", "Riverside", "Severn",
    "Summit", "Trident", "Unity", "Vale", "Westbrook",
)  # fmt: skip
SUPPLIER_SUFFIXES = ("Ltd", "Limited", "Group", "LLP", "CIC", "plc")

TITLE_FORMS = (
    "Commissioning of {subject}",
    "Procurement of {subject} {years}",
    "{Subject}: approval to procure",
    "{Subject}: award of contract",
    "{Subject}: outcome of consultation",
    "{Subject}: extension of existing arrangements",
    "{Subject} review",
    "{Subject}: preferred delivery option",
    "{Subject}: budget allocation {year}",
    "{Subject}: revised policy",
    "Recommissioning of {subject} {years}",
    "{Subject} - business case",
)

PURPOSE_OPENINGS = (
    "To seek approval to recommission {subject} from {start}.",
    "To agree the preferred option for {subject} following public consultation.",
    "To seek authority to procure {subject} for {term} years, with an option to extend.",
    "To approve the allocation of funding for {subject} in {year}.",
    "To consider the findings of the review of {subject} and agree the next steps.",
    "To agree a revised approach to {subject} that responds to rising demand.",
)
PURPOSE_CONTEXT = (
    "The current arrangements end on {end} and cannot be extended further.",
    "Demand for {service} has grown each year since {since}.",
    "The council must make savings while protecting statutory duties.",
    "Residents, partners and ward members were consulted over twelve weeks.",
    "An independent review recommended changes to how {subject} is delivered.",
    "The {service} budget is under pressure from inflation and market costs.",
)
REASONS = (
    "The recommended option offers the best value for money of the options appraised.",
    "It meets the council's statutory duties and the needs identified in the assessment.",
    "It allows the service to be delivered closer to residents' homes.",
    "It keeps continuity of care and support for existing service users.",
    "Consultation responses supported the approach, with the changes described in the report.",
    "It supports the council's corporate strategy and climate emergency commitments.",
    "It reduces reliance on spot purchasing and gives providers a stable market.",
    "The market engagement showed sufficient interest from providers to run a fair competition.",
)
ALTERNATIVES = (
    "Do nothing: rejected because the current arrangements expire and would leave a gap.",
    "Deliver the service in-house: rejected on cost and the time needed to recruit.",
    "Extend the existing contract: rejected as no further extension is permitted.",
    "Join a regional framework: considered, but it does not cover the whole area.",
    "Reduce the service to statutory minimum: rejected because of its effect on residents.",
)
KEY_DECISION_REASONS = (
    "Expenditure or savings over the key decision threshold.",
    "Significant effect on communities living or working in two or more wards.",
    "Expenditure over the key decision threshold and a significant effect on communities in "
    "two or more wards.",
)
URGENCY_NOTES = (
    "The chair of the scrutiny committee agreed that the decision could not reasonably be "
    "deferred, because the current arrangements end before the next meeting.",
    "Urgency agreed by the chair of scrutiny: a delay would put continuity of care at risk.",
)
RECOMMENDATION_TEXTS = {
    "note": ("Note the findings of the review of {subject}.", "Note the consultation responses."),
    "approve": (
        "Approve the recommissioning of {subject} as set out in the report.",
        "Approve a budget of {money} for {subject}.",
    ),
    "endorse": ("Endorse the preferred delivery option for {subject}.",),
    "agree": (
        "Agree the commissioning timetable for {subject}.",
        "Agree that the new arrangements start on {start}.",
    ),
    "authorise": (
        "Authorise the {director} to award the contract for {subject} to the successful bidder.",
        "Authorise the procurement of {subject} using an open procedure.",
    ),
    "delegate": (
        "Delegate authority to the {director}, in consultation with the {portfolio}, to agree "
        "the final terms for {subject}.",
        "Delegate authority to the {director} to extend the arrangements for up to 12 months, "
        "within existing budgetary provision.",
    ),
    "adopt": ("Adopt the revised policy on {subject}.",),
    "establish": ("Establish a member working group to oversee {subject}.",),
}
FUNDING_DESCRIPTIONS = (
    "Estimated total contract value",
    "Annual budget",
    "Capital allocation",
    "Savings expected",
    "Grant funding",
    "One-off implementation costs",
)

# Beyond COUNCILS, councils are named from these parts, nation by nation; the nations come in
# roughly the shares of the UK's principal councils (317 English, 32 Scottish, 22 Welsh and 11
# in Northern Ireland).
PLACE_PARTS = {
    "england": (
        (
            "Alder", "Ash", "Bar", "Bever", "Brad", "Brom", "Cal", "Chal", "Cheld", "Clay",
            "Cran", "Dun", "Elm", "Ever", "Fair", "Fern", "Gold", "Hart", "Haver", "Hol",
            "Kings", "Lang", "Marl", "Mel", "Nor", "Oak", "Pen", "Ros", "Sand", "Stan",
            "Thorn", "Wal", "Wes", "Whit", "Wick", "Wold",
        ),
        (
            "bury", "combe", "field", "ford", "ham", "ley", "minster", "mouth", "stead", "ton",
            "wick", "worth", "dale", "by", "chester", "borough", "hampton", "well",
        ),
        (
            "District Council", "District Council", "District Council", "Borough Council",
            "Borough Council", "County Council", "City Council", "Metropolitan Borough Council",
            "Council",
        ),
    ),
    "scotland": (
        ("Glen", "Strath", "Inver", "Kil", "Dun", "Ach", "Auch", "Bal", "Kin", "Tor"),
        ("morrin", "carron", "allan", "more", "lochy", "brae", "cairn", "ness", "lie", "ross"),
        ("Council",),
    ),
    "wales": (
        ("Bryn", "Llan", "Aber", "Pen", "Caer", "Cwm", "Tre", "Rhos", "Pont", "Glyn"),
        ("garth", "dewi", "ffordd", "mawr", "wen", "afon", "dinas", "gwyn", "teg", "celyn"),
        ("County Borough Council", "County Council", "Council"),
    ),
    "northern_ireland": (
        ("Bally", "Carrick", "Drum", "Knock", "Lis", "Derry", "Clogh", "Rath", "Kil", "Tully"),
        ("more", "beg", "nagh", "keel", "ard", "carn", "loughan", "mena", "reagh", "vally"),
        ("District Council", "Borough Council", "City Council"),
    ),
}  # fmt: skip
NATION_CYCLE = (
    "england", "england", "england", "england", "england", "england", "england", "scotland",
    "england", "england", "england", "england", "england", "wales", "england", "england",
    "england", "england", "england", "england", "scotland", "england", "england", "england",
    "england", "england", "northern_ireland", "england", "england", "england", "wales",
    "england", "england", "england", "scotland",
)  # fmt: skip
BRAND_COLOURS = (
    "#1d70b8", "#00703c", "#4c2c92", "#912b88", "#d4351c", "#28a197", "#f47738", "#003078",
    "#5694ca", "#85994b", "#b58840", "#d53880", "#6f72af", "#005a30", "#942514", "#2e358b",
)  # fmt: skip

CALL_IN_REASONS = (
    "The decision maker did not consider the alternative options set out in the report.",
    "Consultation with the wards affected was inadequate.",
    "The financial implications of the decision have not been properly assessed.",
    "The decision is contrary to the council's budget and policy framework.",
    "Insufficient information was available about the effect on service users.",
    "The equality impact assessment does not address the effect on disabled residents.",
    "The decision was taken without regard to the views of the scrutiny committee.",
    "The procurement timetable leaves no room for the market to respond.",
)
CALL_IN_INVALID_REASONS = (
    "The reasons given do not relate to the principles of decision making in the constitution.",
    "The request does not state which part of the decision is called in.",
)
SCRUTINY_LOCATIONS = ("Council Chamber, Civic Centre", "Committee Room 1, Guildhall", "Online")
