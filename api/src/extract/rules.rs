//! The extractor's word tables: speech verbs, titles, pronouns and the
//! words that bridge a speaker and a verb. Every rule of `extract` reads
//! these tables and no others.

use entity::kinds::OrganisationKind;

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
        | "institute" | "university" | "foundation" | "fund" | "coalition" | "movement" | "front" => K::Other,
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
