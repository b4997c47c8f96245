//! The extractor's word tables: speech verbs, titles, pronouns and the
//! words that bridge a speaker and a verb; numbers, currencies and the
//! words that qualify them; kinds of money and of events; stances. Every
//! table of content words the rules read is here; the few function words a
//! single rule reads (a preposition after a noun, "and"/"but" before a
//! verb, an auxiliary before a participle) stand in that rule.

use entity::kinds::{
    EventKind, FinancialMeasureKind, FinancialMeasureStatus, OrganisationKind, Qualifier, Stance,
};

/// Speech verbs in the forms news writes them (past, present, participle).
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "added",
    "adds",
    "adding",
    "insisted",
    "insists",
    "insisting",
    "warned",
    "warns",
    "warning",
    "cautioned",
    "cautions",
    "urged",
    "urges",
    "urging",
    "acknowledged",
    "acknowledges",
    "claimed",
    "claims",
    "claiming",
    "noted",
    "notes",
    "noting",
    "told",
    "tells",
    "telling",
    "called",
    "calls",
    "indicated",
    "indicates",
    "stressed",
    "stresses",
    "argued",
    "argues",
    "arguing",
    "explained",
    "explains",
    "declared",
    "declares",
    "announced",
    "announces",
    "maintained",
    "maintains",
    "suggested",
    "suggests",
    "signalled",
    "signaled",
    "signals",
    "conceded",
    "concedes",
    "admitted",
    "admits",
    "asserted",
    "asserts",
    "replied",
    "replies",
    "responded",
    "responds",
    "remarked",
    "wrote",
    "writes",
    "continued",
    "stated",
    "states",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "promised",
    "promises",
    "vowed",
    "vows",
    "predicted",
    "predicts",
    "complained",
    "complains",
    "accused",
    "accuses",
    "recalled",
    "observed",
    "emphasised",
    "emphasized",
    "pledged",
    "pledges",
    "demanded",
    "demands",
    "threatened",
    "threatens",
    "reiterated",
    "reiterates",
    "underlined",
    "described",
    "describes",
    "dismissed",
    "questioned",
    "asked",
    "asks",
    "agreed",
    "disagreed",
    "countered",
    "tweeted",
    "posted",
    "reported",
    "reports",
    "believes",
    "thinks",
    "expects",
    "hopes",
    "fears",
];

/// Whether a word (lower case) is a speech verb.
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(&word)
}

/// Speech verbs whose object is the quotation itself ("he called it “a
/// normal working process”"): they attribute a quotation and never report
/// speech in the writer's words.
pub fn quotes_only(verb: &str) -> bool {
    matches!(
        verb,
        "called" | "calls" | "described" | "describes" | "asked" | "asks"
    )
}

/// Who a speaker speaks to, between the verb and what was said ("told
/// reporters that").
pub fn is_listener(word: &str) -> bool {
    matches!(word, "reporters" | "journalists" | "him" | "her" | "them" | "us")
}

/// Lower-case particles inside a name ("Mohammed bin Salman", "Ursula von
/// der Leyen").
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "bin" | "van" | "von" | "de" | "der" | "la" | "le" | "da" | "di" | "el"
    )
}

/// A participle ("saying", "claiming"): its subject is not the clause
/// after it, so a participle alone does not report speech.
pub fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
}

/// Title words: the jobs a person is named by. A phrase made of them
/// (with an organisation or a country before it) is a role.
pub const TITLE_WORDS: &[&str] = &[
    "president",
    "vice-president",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "aide",
    "adviser",
    "advisor",
    "envoy",
    "senator",
    "sen",
    "representative",
    "rep",
    "governor",
    "mayor",
    "ambassador",
    "general",
    "gen",
    "commander",
    "chief",
    "head",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "official",
    "officials",
    "diplomat",
    "negotiator",
    "king",
    "queen",
    "prince",
    "pope",
    "foreign",
    "defence",
    "defense",
    "finance",
    "interior",
    "deputy",
    "senior",
    "presidential",
    "special",
    "top",
    "former",
    "acting",
    "press",
    "national",
    "security",
    "council",
    "mp",
    "lawmaker",
    "congressman",
    "congresswoman",
    "judge",
    "justice",
    "attorney",
    "prosecutor",
    "ceo",
    "founder",
    "executive",
    "analyst",
    "economist",
    "professor",
    "dr",
    "mr",
    "mrs",
    "ms",
    "colonel",
    "lieutenant",
    "captain",
    "admiral",
    "marshal",
    "commissioner",
    "delegate",
    "negotiators",
    "officer",
    "sheikh",
    "emir",
    "sultan",
    "premier",
    "speaker",
    "boss",
    "manager",
    "coach",
    "inspector",
    "superintendent",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "president-elect",
    "mep",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "cardinal",
    "treasurer",
    "auditor",
    "gov",
    "prof",
];

/// Whether a word (lower case) can be part of a title.
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word)
}

/// The head words of a title: the job itself, not its qualifiers
/// ("presidential aide" is an aide). A description ending in one of them
/// ("the official", "the Kremlin spokesman") names a role holder.
pub fn is_title_head(word: &str) -> bool {
    is_title_word(word)
        && !matches!(
            word,
            "prime"
                | "foreign"
                | "defence"
                | "defense"
                | "finance"
                | "interior"
                | "deputy"
                | "senior"
                | "presidential"
                | "special"
                | "top"
                | "former"
                | "acting"
                | "press"
                | "national"
                | "security"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "prof"
        )
}

/// Titles so common that "the official" means the person just named.
pub fn is_generic_title(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "official"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "diplomat"
            | "aide"
            | "envoy"
            | "adviser"
            | "minister"
            | "negotiator"
            | "leader"
            | "senator"
            | "general"
            | "commander"
    )
}

/// Groups that speak as one without a name ("pro-Kremlin outlets", "U.S.
/// officials", "witnesses"): a speaker kept as described.
pub fn is_group(word: &str) -> bool {
    matches!(
        word,
        "outlets"
            | "media"
            | "intelligence"
            | "sources"
            | "officials"
            | "analysts"
            | "critics"
            | "observers"
            | "residents"
            | "witnesses"
            | "protesters"
            | "experts"
            | "lawmakers"
            | "diplomats"
            | "negotiators"
            | "leaders"
            | "ministers"
            | "investigators"
            | "researchers"
            | "campaigners"
            | "activists"
            | "police"
            | "prosecutors"
            | "authorities"
            | "spokespeople"
            | "insiders"
            | "allies"
            | "economists"
            | "engineers"
            | "doctors"
            | "scientists"
            | "officers"
            | "workers"
            | "unions"
            | "voters"
    )
}

/// Words that make a name a body's, with the kind of body they suggest
/// ("Ministry of Defence", "European Commission", "Labour Party").
pub fn organisation_word(word: &str) -> Option<OrganisationKind> {
    use OrganisationKind as K;
    Some(match word {
        "government" | "administration" | "cabinet" | "kremlin" => K::Government,
        "ministry" | "department" | "commission" | "council" | "agency" | "office" | "bureau"
        | "authority" | "committee" | "court" | "bank" | "service" | "house" => K::GovernmentBody,
        "parliament" | "senate" | "congress" | "assembly" | "duma" | "rada" | "bundestag" => K::Legislature,
        "army" | "forces" | "navy" | "military" | "command" | "brigade" | "regiment" => K::Military,
        "party" => K::PoliticalParty,
        "inc" | "ltd" | "plc" | "corp" | "corporation" | "company" | "group" | "holdings" | "airlines" => {
            K::Company
        }
        "times" | "post" | "news" | "press" | "herald" | "journal" | "telegraph" | "tribune" | "gazette"
        | "guardian" | "reuters" | "bbc" | "cnn" => K::NewsOutlet,
        "union" | "nations" | "organisation" | "organization" | "alliance" | "federation" | "association"
        | "institute" | "university" | "foundation" | "fund" | "coalition" | "movement" | "front"
        | "crescent" | "cross" => K::Other,
        _ => return None,
    })
}

/// Words that make a name a place's ("Black Sea", "Kharkiv Oblast").
pub fn is_place_word(word: &str) -> bool {
    matches!(
        word,
        "sea"
            | "ocean"
            | "river"
            | "mountains"
            | "oblast"
            | "province"
            | "region"
            | "state"
            | "states"
            | "republic"
            | "kingdom"
            | "city"
            | "county"
            | "island"
            | "islands"
            | "valley"
            | "bay"
            | "gulf"
            | "strait"
            | "peninsula"
            | "district"
            | "square"
            | "street"
            | "avenue"
            | "airport"
            | "port"
            | "east"
            | "west"
            | "north"
            | "south"
            | "middle"
            | "america"
            | "europe"
            | "asia"
            | "africa"
    )
}

/// Words of place before "of" ("the province of Tavria", "the city of
/// Korin").
pub fn is_place_of(word: &str) -> bool {
    matches!(
        word,
        "province"
            | "region"
            | "city"
            | "town"
            | "village"
            | "state"
            | "county"
            | "district"
            | "capital"
            | "island"
            | "port"
            | "republic"
            | "oblast"
    )
}

/// Prepositions after which a new name is a place ("in Miami", "near
/// Hadley Lock").
pub fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "at" | "near" | "across" | "outside" | "inside" | "toward" | "towards" | "into" | "throughout"
    )
}

/// Words of going, after which "to" names a place ("a visit to Ireland",
/// "travelled to Kyiv").
pub fn is_going(word: &str) -> bool {
    matches!(
        word,
        "visit"
            | "visits"
            | "visited"
            | "trip"
            | "travelled"
            | "traveled"
            | "travel"
            | "flew"
            | "fly"
            | "went"
            | "returned"
            | "return"
            | "headed"
            | "sent"
            | "moved"
            | "arrived"
            | "deployed"
            | "fled"
            | "power"
    )
}

/// Prepositions: a phrase after one is not the subject of a verb.
pub fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "at"
            | "in"
            | "for"
            | "with"
            | "from"
            | "by"
            | "on"
            | "to"
            | "into"
            | "about"
            | "among"
            | "between"
            | "against"
            | "over"
            | "under"
    )
}

/// Abbreviations after which a full stop does not end a sentence.
pub fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gen"
            | "Gov"
            | "Col"
            | "Lt"
            | "Capt"
            | "Prof"
            | "St"
            | "Jr"
            | "Sr"
            | "No"
            | "vs"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Words between a speaker and a verb that change neither ("Rubio later
/// indicated", "he also said").
pub fn is_bridge(word: &str) -> bool {
    word.ends_with("ly") && word.len() > 3
        || matches!(
            word,
            "later"
                | "also"
                | "then"
                | "again"
                | "too"
                | "once"
                | "previously"
                | "had"
                | "has"
                | "have"
                | "was"
                | "is"
                | "would"
                | "will"
                | "earlier"
                | "separately"
                | "himself"
                | "herself"
                | "themselves"
                | "not"
                | "never"
                | "still"
                | "yet"
        )
}

/// Personal pronouns that can be a speaker, and whether each stands for a
/// person (rather than a group).
pub fn pronoun(word: &str) -> Option<bool> {
    match word {
        "he" | "she" | "him" | "her" => Some(true),
        "they" | "it" => Some(false),
        _ => None,
    }
}

/// Determiners that open a description ("the official", "a senior
/// diplomat").
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "one" | "another" | "two" | "three" | "several" | "some"
    )
}

/// Words that are capitalised only because a sentence starts with them,
/// or are never a name.
pub fn is_not_a_name(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "but"
            | "and"
            | "or"
            | "however"
            | "meanwhile"
            | "in"
            | "on"
            | "at"
            | "as"
            | "after"
            | "before"
            | "while"
            | "when"
            | "despite"
            | "although"
            | "asked"
            | "speaking"
            | "addressing"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "its"
            | "within"
            | "for"
            | "with"
            | "from"
            | "by"
            | "of"
            | "to"
            | "if"
            | "yet"
            | "still"
            | "now"
            | "then"
            | "there"
            | "here"
            | "concerns"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Whether a character is a quotation mark.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '«' | '»' | '„')
}

/// The days of the week, Monday first, as `chrono` numbers them from 0.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

// ----- numbers, money and counts ---------------------------------------

/// Numbers news writes as words ("two people", "twenty-five", "a dozen").
pub fn number_word(word: &str) -> Option<u32> {
    const ONES: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = ONES.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return Some(20 + 10 * n as u32);
    }
    if let Some((tens, ones)) = word.split_once('-') {
        let tens = TENS.iter().position(|w| *w == tens)?;
        let ones = ONES[1..10].iter().position(|w| *w == ones)?;
        return Some(20 + 10 * tens as u32 + 1 + ones as u32);
    }
    match word {
        "dozen" => Some(12),
        "hundred" => Some(100),
        _ => None,
    }
}

/// The power of ten a word multiplies a number by ("184 billion",
/// "1.5bn", "£3m", "20k").
pub fn scale(word: &str) -> Option<u32> {
    match word {
        "hundred" => Some(2),
        "thousand" | "k" => Some(3),
        "million" | "millions" | "m" | "mn" | "mln" => Some(6),
        "billion" | "billions" | "bn" | "b" => Some(9),
        "trillion" | "trillions" | "tn" | "trn" => Some(12),
        _ => None,
    }
}

/// The currency a sign before a number stands for, with the letters
/// that may stand before the sign ("US$", "A$", "HK$").
pub fn currency_sign(sign: &str, letters: Option<&str>) -> Option<&'static str> {
    Some(match (sign, letters) {
        ("$", Some("us")) | ("$", None) => "USD",
        ("$", Some("a" | "au")) => "AUD",
        ("$", Some("c" | "ca")) => "CAD",
        ("$", Some("hk")) => "HKD",
        ("$", Some("nz")) => "NZD",
        ("$", Some("s")) => "SGD",
        ("£", _) => "GBP",
        ("€", _) => "EUR",
        ("¥", _) => "JPY",
        ("₹", _) => "INR",
        ("₽", _) => "RUB",
        ("₴", _) => "UAH",
        ("₩", _) => "KRW",
        ("₺", _) => "TRY",
        ("₪", _) => "ILS",
        _ => return None,
    })
}

/// The currency a word after a number names ("5 million euros", "200m
/// roubles"); an ISO 4217 code is read by the rules themselves.
pub fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "shekel" | "shekels" => "ILS",
        "lira" => "TRY",
        _ => return None,
    })
}

/// Words before a number that say how it relates to the true value
/// ("at least 111 drones", "about £184 billion", "up to 3,000 troops"),
/// longest first so that "no more than" wins over "more than".
pub const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("no more than", Qualifier::AtMost),
    ("no fewer than", Qualifier::AtLeast),
    ("in excess of", Qualifier::AtLeast),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("an estimated", Qualifier::About),
    ("at least", Qualifier::AtLeast),
    ("more than", Qualifier::AtLeast),
    ("upwards of", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("fewer than", Qualifier::AtMost),
    ("less than", Qualifier::AtMost),
    ("up to", Qualifier::UpTo),
    ("close to", Qualifier::About),
    ("over", Qualifier::AtLeast),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("some", Qualifier::About),
    ("estimated", Qualifier::About),
    ("under", Qualifier::AtMost),
    ("exactly", Qualifier::Exact),
];

/// What a number of people counts when a verb says what happened to them
/// ("killing two people", "three others were injured"): the verb's forms
/// and the measure it gives.
pub fn casualty(word: &str) -> Option<&'static str> {
    Some(match word {
        "killing" | "killed" | "kills" | "kill" | "dead" | "died" | "dying" => "killed",
        "injuring" | "injured" | "injures" | "hurt" | "hurting" => "injured",
        "wounding" | "wounded" | "wounds" => "wounded",
        "missing" => "missing",
        "arrested" | "arresting" | "detained" | "detaining" => "arrested",
        "evacuated" | "evacuating" => "evacuated",
        "displaced" | "displacing" => "displaced",
        "rescued" | "rescuing" => "rescued",
        "captured" | "capturing" => "captured",
        _ => return None,
    })
}

/// Nouns that stand for people in a count ("two people", "three others").
pub fn is_people_noun(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "person"
            | "others"
            | "civilians"
            | "residents"
            | "children"
            | "adults"
            | "men"
            | "women"
            | "soldiers"
            | "troops"
            | "workers"
            | "passengers"
            | "victims"
            | "bodies"
    )
}

/// Units a count measures something in, so that the thing follows
/// ("five hours of discussions", "300 tonnes of grain").
pub fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "hours"
            | "hour"
            | "minutes"
            | "days"
            | "weeks"
            | "months"
            | "rounds"
            | "tonnes"
            | "tons"
            | "barrels"
            | "litres"
            | "gallons"
            | "kilometres"
            | "miles"
            | "metres"
            | "hectares"
            | "acres"
            | "pieces"
            | "units"
    )
}

/// Words after a number that make it no count of an event: ages,
/// years, percentages, times and shares ("aged 43", "five years ago",
/// "6 per cent", "a third").
pub fn is_not_a_count(word: &str) -> bool {
    matches!(
        word,
        "per"
            | "percent"
            | "year"
            | "years"
            | "year-old"
            | "years-old"
            | "am"
            | "pm"
            | "o'clock"
            | "times"
            | "of"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
    )
}

/// A fraction written as words ("two-thirds of", "half of", "a quarter
/// of") as numerator and denominator.
pub fn fraction(word: &str) -> Option<(i64, i64)> {
    const DENOMINATORS: &[(&str, i64)] = &[
        ("half", 2),
        ("halves", 2),
        ("third", 3),
        ("thirds", 3),
        ("quarter", 4),
        ("quarters", 4),
        ("fifth", 5),
        ("fifths", 5),
        ("tenth", 10),
        ("tenths", 10),
    ];
    let (numerator, noun) = match word.split_once('-') {
        Some((n, noun)) => (number_word(n)? as i64, noun),
        None => (1, word),
    };
    let &(_, denominator) = DENOMINATORS.iter().find(|(w, _)| *w == noun)?;
    (numerator < denominator).then_some((numerator, denominator))
}

/// The ISO 8601 letter of a unit of time ("over the next two years").
pub fn term_unit(word: &str) -> Option<char> {
    Some(match word.trim_end_matches('s') {
        "year" => 'Y',
        "month" => 'M',
        "week" => 'W',
        "day" => 'D',
        _ => return None,
    })
}

/// Nouns that say what kind of financial measure an amount is.
pub fn financial_kind(word: &str) -> Option<FinancialMeasureKind> {
    use FinancialMeasureKind::*;
    Some(match word {
        "loan" | "loans" | "credit" | "credits" | "lending" | "bailout" => Loan,
        "grant" | "grants" | "subsidy" | "subsidies" | "incentive" | "incentives" | "award" => Grant,
        "aid" | "assistance" | "package" | "support" | "donation" | "donations" | "relief" | "pledge" => Aid,
        "sanction" | "sanctions" | "fine" | "fines" | "penalty" | "penalties" | "tariff" | "tariffs" => {
            Sanction
        }
        "freeze" | "frozen" | "seizure" | "seized" => AssetFreeze,
        "investment" | "investments" | "plant" | "factory" | "stake" | "acquisition" | "takeover"
        | "deal" => Investment,
        "budget" | "budgets" | "spending" | "cost" | "costs" | "bill" | "funding" | "fund" => Budget,
        "reparations" | "reparation" | "compensation" => Reparation,
        _ => return None,
    })
}

/// Words that say where a financial measure stands; none says `agreed`,
/// the state a figure the news reports as a fact is in.
pub fn financial_status(word: &str) -> Option<FinancialMeasureStatus> {
    use FinancialMeasureStatus::*;
    Some(match word {
        "plan" | "plans" | "planned" | "proposed" | "proposal" | "proposes" | "propose" | "would"
        | "could" | "might" | "may" | "considering" | "considers" | "seeks" | "seeking" | "draft"
        | "mooted" => Proposed,
        "paid" | "disbursed" | "transferred" | "delivered" | "received" | "spent" | "released" => Disbursed,
        "cancelled" | "canceled" | "scrapped" | "withdrawn" | "axed" | "abandoned" | "revoked" => Cancelled,
        _ => return None,
    })
}

/// Speech verbs that also give: who "pledged €25 million" or "announced
/// a $5bn package" may be the giver.
pub fn gives_money(word: &str) -> bool {
    matches!(
        word,
        "pledged"
            | "pledges"
            | "promised"
            | "promises"
            | "announced"
            | "announces"
            | "agreed"
            | "vowed"
            | "vows"
    )
}

/// Verbs that tie a financial measure to what backs it ("mostly secured
/// against Russian assets", "backed by", "guaranteed by").
pub fn is_security_verb(word: &str) -> bool {
    matches!(
        word,
        "secured" | "backed" | "guaranteed" | "collateralised" | "collateralized" | "underwritten"
    )
}

// ----- events ----------------------------------------------------------

/// Words that name an event, with its kind ("a vast drone barrage",
/// "talks", "met", "a visit", "unveiled").
pub fn event_word(word: &str) -> Option<EventKind> {
    use EventKind::*;
    Some(match word {
        "attack" | "attacks" | "attacked" | "strike" | "strikes" | "struck" | "airstrike" | "airstrikes"
        | "barrage" | "bombardment" | "bombing" | "bombings" | "shelling" | "assault" | "offensive"
        | "raid" | "raids" | "ambush" | "shooting" | "invasion" | "invaded" => Attack,
        "meeting" | "meetings" | "met" | "meet" | "meets" | "summit" | "conference" | "gathering" => Meeting,
        "talks" | "negotiations" | "negotiation" | "negotiated" | "mediation" | "discussions" => Negotiation,
        "visit" | "visits" | "visited" | "trip" | "tour" => Visit,
        "announced" | "announces" | "announcement" | "unveiled" | "unveils" | "unveiling" => Announcement,
        "speech" | "addressing" | "addressed" | "address" | "lecture" => Speech,
        "protest" | "protests" | "protested" | "demonstration" | "demonstrations" | "rally" | "rallies"
        | "march" => Protest,
        "election" | "elections" | "vote" | "referendum" | "ballot" => Election,
        "flood" | "flooding" | "floods" | "earthquake" | "storm" | "wildfire" | "fire" | "blaze"
        | "crash" | "collapse" | "explosion" | "blast" | "postponement" | "evacuation" | "quake"
        | "landslide" | "hurricane" | "typhoon" | "cyclone" | "tsunami" | "eruption" => Other,
        _ => return None,
    })
}

/// Whether an event word is a verb ("met", "struck", "addressing"), not a
/// noun ("meeting", "bombing"): the label of an event told by a verb is its
/// clause ("Steve Witkoff scheduled to meet Rustem Umerov").
pub fn is_event_verb(word: &str) -> bool {
    word.ends_with("ed")
        || word.ends_with("ing")
            && !matches!(
                word,
                "meeting" | "bombing" | "shelling" | "flooding" | "gathering"
            )
        || matches!(
            word,
            "met" | "meet" | "meets" | "struck" | "unveils" | "announces" | "visits"
        )
}

/// Verbs that make talks an event ("had held productive talks", "talks
/// resumed").
pub fn holds_talks(word: &str) -> bool {
    matches!(
        word,
        "held"
            | "hold"
            | "holds"
            | "holding"
            | "began"
            | "begin"
            | "opened"
            | "resumed"
            | "ended"
            | "concluded"
            | "hosted"
            | "hosts"
            | "convened"
            | "attended"
    )
}

/// Words of a sentence that put what it tells in the future ("scheduled
/// to meet on Thursday"): a weekday then means the next one.
pub fn is_future_word(word: &str) -> bool {
    matches!(
        word,
        "will" | "scheduled" | "expected" | "due" | "plans" | "planned" | "next" | "upcoming" | "shall"
    )
}

// ----- stances ---------------------------------------------------------

/// Words that take a side on what follows ("opposes", "backs",
/// "rejected"); a stance is given only where one of these stands.
pub fn stance_word(word: &str) -> Option<Stance> {
    Some(match word {
        "supports" | "support" | "supported" | "supporting" | "back" | "backs" | "backed" | "backing"
        | "favours" | "favors" | "favoured" | "favored" | "welcomed" | "welcomes" | "endorsed"
        | "endorses" | "champions" | "championed" | "defended" | "defends" | "urged" | "urges" | "urging"
        | "demanded" | "demands" => Stance::Supports,
        "opposes" | "oppose" | "opposed" | "opposing" | "rejected" | "rejects" | "reject" | "rejecting"
        | "condemned" | "condemns" | "denounced" | "denounces" | "criticised" | "criticized"
        | "criticises" | "criticizes" | "dismissed" | "dismisses" | "dismissing" | "blocked" | "blocks"
        | "vetoed" => Stance::Opposes,
        _ => return None,
    })
}

/// Words that turn a stance round ("does not support", "never backed").
pub fn is_negation(word: &str) -> bool {
    matches!(word, "not" | "never" | "no" | "n't" | "nor" | "neither")
}

/// Words that carry no meaning of their own in an issue's name ("Security
/// guarantees for Ukraine", "Financing of Ukraine's defence").
pub fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "to"
            | "for"
            | "in"
            | "on"
            | "a"
            | "an"
            | "and"
            | "or"
            | "by"
            | "with"
            | "against"
            | "between"
            | "from"
            | "at"
            | "its"
            | "their"
            | "his"
            | "her"
            | "this"
            | "that"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_know_the_words_of_news() {
        // "Peskov insisted", "cautioned that", "he noted", "saying that".
        for verb in [
            "insisted",
            "cautioned",
            "noted",
            "saying",
            "told",
            "called",
            "warned",
        ] {
            assert!(is_speech_verb(verb), "{verb}");
        }
        assert!(!is_speech_verb("rejected"));
        // "Kremlin spokesman Dmitry Peskov", "Putin’s presidential aide".
        assert!(is_title_head("spokesman") && is_title_head("aide"));
        assert!(is_title_word("presidential") && !is_title_head("presidential"));
        // "Rubio later indicated".
        assert!(is_bridge("later") && is_bridge("openly") && !is_bridge("fly"));
    }
}
