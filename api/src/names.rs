//! Name folding: the key under which spellings of one name meet.
//!
//! "Yuri Ushakov", "Yury Ushakov", "YURI USHAKOV" and "Юрий Ушаков" fold to
//! the same key, so entity resolution finds one person, not four. The key is
//! stored beside every name and alias and indexed.

/// Folds a name: transliterates to ASCII (accents and non-Latin scripts),
/// lower-cases, drops punctuation, and evens out the common variants of
/// romanised Slavic names (y/i/j, -iy/-yy/-y endings, doubled letters).
pub fn fold(name: &str) -> String {
    let apart: String = name
        .chars()
        .map(|c| if is_currency(c) { ' ' } else { c })
        .collect();
    let ascii = deunicode::deunicode(&apart).to_lowercase();
    let words = ascii
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.replace(['\'', '’'], ""))
        .filter(|w| !w.is_empty())
        .map(|w| fold_word(&w));
    words.collect::<Vec<_>>().join(" ")
}

/// Whether a character is a currency sign that is not ASCII, which
/// transliteration would turn into letters (`£` is "PS", `€` "EUR").
fn is_currency(c: char) -> bool {
    matches!(
        c,
        '£' | '€' | '¥' | '¢' | '₽' | '₴' | '₹' | '₩' | '₺' | '₪' | '₣' | '₿'
    )
}

/// A name's sort key: the name as written, lower-cased, with accents taken
/// off and other scripts transliterated ("Yuri Ushakov" is "yuri ushakov",
/// "Zélensky" is "zelensky", "Ушаков" is "ushakov"). It is ASCII, so
/// SQLite and PostgreSQL compare it byte by byte alike. It is never empty
/// for a name that is not: a name of nothing that transliterates is kept
/// lower-cased.
pub fn sort_key(name: &str) -> String {
    let key = deunicode::deunicode(name).to_lowercase();
    if key.trim().is_empty() {
        name.to_lowercase()
    } else {
        key
    }
}

/// Quoted words as any outlet would give them: quote marks and
/// apostrophes of every form are one mark, dashes one dash, "…" three
/// dots; lower-cased; runs of spaces one space; quote marks and trailing
/// punctuation around the words dropped. `“We will see.”` and `"we will
/// see"` are the same words; `We will not see` is not.
pub fn quote_words(text: &str) -> String {
    let mut even = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' | '"' | '“' | '”' | '„' | '‟' | '″' | '«' | '»' | '‹'
            | '›' => even.push('\''),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => even.push('-'),
            '…' => even.push_str("..."),
            c => even.extend(c.to_lowercase()),
        }
    }
    let spaced = even.split_whitespace().collect::<Vec<_>>().join(" ");
    let around = |c: char| c == '\'' || c.is_whitespace();
    spaced
        .trim_matches(around)
        .trim_end_matches(|c: char| around(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        .to_owned()
}

/// The key two reports of the same quoted words share: 16 hexadecimal
/// digits of the SHA-256 of [`quote_words`], short enough to index.
pub fn quote_key(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(quote_words(text).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A word of a text: where it lies (in Unicode code points, end exclusive)
/// and the folded keys it stands for (usually one; a transliteration may
/// give more, "北京" is "bei" and "jing").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub keys: Vec<String>,
}

/// How to cut a text into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// As [`fold`] does: the keys of a name's words are the words of its fold.
    Name,
    /// As names, but an English possessive `'s` is dropped ("Kyiv's" is
    /// "kyiv") and each word is cut to its stem by the Snowball English
    /// stemmer before it is folded ("drones" and "drone" are "drone",
    /// "killed" and "killing" are "kil"), as running text needs.
    Text,
}

/// Cuts a text into words with their positions and folded keys. For
/// [`Words::Name`], the keys joined by spaces are exactly [`fold`]`(text)`.
pub fn words(text: &str, mode: Words) -> Vec<Word> {
    let mut out = Vec::new();
    // The current run of word characters: its start and its transliteration.
    let mut run: Option<(usize, String)> = None;
    let mut position = 0;
    let mut utf8 = [0u8; 4];
    for (i, c) in text.chars().enumerate() {
        position = i + 1;
        // As deunicode transliterates it; a character it cannot is a
        // separator, and so is a currency sign ("£184" is "184", not "ps184").
        let ascii = if c.is_ascii() {
            Some(&*c.encode_utf8(&mut utf8))
        } else if is_currency(c) {
            None
        } else {
            deunicode::deunicode_char(c)
        };
        match ascii.filter(|t| t.bytes().any(|b| b.is_ascii_alphanumeric() || b == b'\'')) {
            Some(t) => run.get_or_insert_with(|| (i, String::new())).1.push_str(t),
            None => {
                if let Some((start, ascii)) = run.take() {
                    push_word(&mut out, start, i, &ascii, mode);
                }
            }
        }
    }
    if let Some((start, ascii)) = run {
        push_word(&mut out, start, position, &ascii, mode);
    }
    out
}

/// Folds running text: the keys of its words, separated by spaces. This is
/// what statements are searched by.
pub fn fold_text(text: &str) -> String {
    let keys: Vec<String> = words(text, Words::Text)
        .into_iter()
        .flat_map(|w| w.keys)
        .collect();
    keys.join(" ")
}

/// The stemmer of running text: Snowball's English (Porter 2).
static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> =
    std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

fn push_word(out: &mut Vec<Word>, start: usize, end: usize, ascii: &str, mode: Words) {
    let mut lower = ascii.to_lowercase();
    if mode == Words::Text && lower.len() > 2 && lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
    }
    let keys: Vec<String> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', ""))
        .filter(|w| !w.is_empty())
        .map(|w| match mode {
            Words::Name => fold_word(&w),
            Words::Text => fold_word(&STEMMER.stem(&w)),
        })
        .collect();
    if !keys.is_empty() {
        out.push(Word { start, end, keys });
    }
}

fn fold_word(word: &str) -> String {
    // Endings first, while y and i still differ: Zelenskyy, Zelenskiy,
    // Zelenskij and Zelensky are one name.
    let mut w = word.to_owned();
    for ending in ["iyy", "yy", "iy", "ij", "yj", "ii"] {
        if w.len() > ending.len() + 2 && w.ends_with(ending) {
            w.truncate(w.len() - ending.len());
            w.push('y');
            break;
        }
    }
    // Then the letters that romanisations swap: Yuri/Yury/Iurii, Dmitry/Dmitri.
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        let c = match c {
            'y' | 'j' => 'i',
            other => other,
        };
        // Doubled letters collapse: Iurii/Yuri, Kharkiv stays, Odessa/Odesa.
        if out.ends_with(c) && c.is_ascii_alphabetic() {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Words, fold, fold_text, quote_key, quote_words, sort_key, words};

    #[test]
    fn two_outlets_quoting_the_same_words_give_one_key() {
        let key = quote_key("“Something was accepted, while something was marked as unacceptable.”");
        for variant in [
            "\"something was accepted, while something   was marked as unacceptable\"",
            "Something was accepted, while something was marked as unacceptable,",
            "'Something was accepted, while something was marked as unacceptable'",
        ] {
            assert_eq!(quote_key(variant), key, "{variant}");
        }
        assert_ne!(
            quote_key("Something was accepted, while nothing was marked as unacceptable"),
            key
        );
        assert_eq!(quote_words("It’s a “deal” — maybe…"), "it's a 'deal' - maybe");
        assert_eq!(quote_key("x").len(), 16);
    }

    #[test]
    fn sort_keys_keep_the_name_as_written_without_case_and_accents() {
        assert_eq!(sort_key("Yuri Ushakov"), "yuri ushakov");
        assert_eq!(sort_key("Zélensky"), "zelensky");
        assert_eq!(sort_key("ZELENSKYY"), "zelenskyy");
        assert_eq!(sort_key("Юрий Ушаков"), "iurii ushakov");
        assert!(sort_key("Jared Kushner") < sort_key("Marco Rubio"));
        assert!(sort_key("Marco Rubio") < sort_key("Yuri Ushakov"));
        assert!(!sort_key("🙂").is_empty());
    }

    #[test]
    fn spelling_variants_of_one_name_fold_together() {
        let key = fold("Yuri Ushakov");
        for variant in ["Yury Ushakov", "YURI USHAKOV", "Iurii Ushakov", "Юрий Ушаков"] {
            assert_eq!(fold(variant), key, "{variant}");
        }
        assert_eq!(fold("Zelenskyy"), fold("Zelensky"));
        assert_eq!(fold("Zelenskiy"), fold("Zelensky"));
        assert_eq!(fold("Odessa"), fold("Odesa"));
        assert_eq!(fold("Dmitri Peskov"), fold("Dmitry Peskov"));
    }

    #[test]
    fn accents_case_and_punctuation_do_not_matter() {
        assert_eq!(fold("Zaporizhzhia"), fold("Zapórizhzhia"));
        assert_eq!(fold("U.S. delegation"), fold("u s delegation"));
        assert_eq!(fold("Kyiv’s"), fold("kyivs"));
    }

    #[test]
    fn different_names_stay_apart() {
        assert_ne!(fold("Dnipro"), fold("Dnipropetrovsk"));
        assert_ne!(fold("Marco Rubio"), fold("Mario Rubio"));
        assert_ne!(fold("Kharkiv"), fold("Kherson"));
    }

    #[test]
    fn the_keys_of_a_names_words_are_its_fold() {
        for name in [
            "Volodymyr Zelenskyy",
            "Зеленський",
            "Юрий Ушаков",
            "Ukraine's NATO membership",
            "Kyiv’s",
            "U.S. peace proposals",
            "Russia–Ukraine war",
            "rock'n'roll",
            "'quoted'",
            "€184 billion",
            "北京 Zürich",
            "Zapórizhzhia Oblast 🙂 x",
            "Æneid ß straße",
        ] {
            let keys: Vec<String> = words(name, Words::Name)
                .into_iter()
                .flat_map(|w| w.keys)
                .collect();
            assert_eq!(keys.join(" "), fold(name), "{name}");
        }
    }

    #[test]
    fn words_know_where_they_are_in_code_points() {
        let found = words("Zelensky: «Київ’s» ok", Words::Text);
        let spans: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|w| (w.start, w.end, w.keys[0].as_str()))
            .collect();
        assert_eq!(spans, [(0, 8, "zelenski"), (11, 17, "kiv"), (19, 21, "ok")]);
    }

    #[test]
    fn text_words_meet_by_their_stems() {
        for (a, b) in [
            ("drones", "drone"),
            ("killed", "killing"),
            ("talks", "talk"),
            ("negotiations", "negotiate"),
            // A currency sign is no letter: "£184" is "184".
            ("£184 billions", "184 billion"),
        ] {
            assert_eq!(fold_text(a), fold_text(b), "{a} {b}");
        }
        assert_ne!(fold_text("drone"), fold_text("draw"));
    }

    #[test]
    fn text_drops_possessives_and_folds_like_names() {
        assert_eq!(fold_text("Ukraine’s NATO membership"), "ukrain nato membership");
        assert_eq!(fold_text("Zelenskyy met Зеленський"), "zelenski met zelenski");
        assert_eq!(fold_text("— “ ” ..."), "");
    }
}
