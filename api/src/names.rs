//! Name folding: the key under which spellings of one name meet.
//!
//! "Yuri Ushakov", "Yury Ushakov", "YURI USHAKOV" and "Юрий Ушаков" fold to
//! the same key, so entity resolution finds one person, not four. The key is
//! stored beside every name and alias and indexed.

/// Folds a name: transliterates to ASCII (accents and non-Latin scripts),
/// lower-cases, drops punctuation, and evens out the common variants of
/// romanised Slavic names (y/i/j, -iy/-yy/-y endings, doubled letters).
pub fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let words = ascii
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.replace(['\'', '’'], ""))
        .filter(|w| !w.is_empty())
        .map(|w| fold_word(&w));
    words.collect::<Vec<_>>().join(" ")
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
    use super::fold;

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
}
