//! Bearer tokens: who may write, and who may read.
//!
//! The operator names each token (`NEWSGRAPH_WRITE_TOKENS=editor=...`, or a
//! tokens file). A request's `Authorization: Bearer <token>` is compared with
//! every configured token in constant time, and the request then acts as
//! that token's name; the token itself is never logged or stored. Writes
//! need a write token. Reads are public unless read tokens are configured,
//! in which case a read or a write token is needed.

use std::fmt;
use std::path::Path;

use subtle::ConstantTimeEq;

use crate::error::StartupError;

/// The shortest token accepted: shorter ones are guessable.
pub const MIN_TOKEN_LEN: usize = 16;

/// What a token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Read,
    Write,
}

/// A configured token and its name.
#[derive(Clone)]
struct Token {
    name: String,
    secret: Vec<u8>,
    level: Level,
}

impl fmt::Debug for Token {
    // The secret never reaches a log, even by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("name", &self.name)
            .field("level", &self.level)
            .finish()
    }
}

/// The tokens the operator configured.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
}

/// Who a request acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No `Authorization` header.
    Anonymous,
    /// A configured token: its name and what it allows.
    Token { name: String, level: Level },
    /// A bearer token that matches none configured, or a malformed header.
    Refused,
}

impl Tokens {
    /// Reads the tokens from the settings: `name=token` pairs separated by
    /// commas, and a file with one `read|write NAME TOKEN` per line.
    pub fn from_settings(
        write: Option<&str>,
        read: Option<&str>,
        file: Option<&Path>,
    ) -> Result<Self, StartupError> {
        let mut tokens = Tokens::default();
        if let Some(list) = write {
            tokens.add_list("NEWSGRAPH_WRITE_TOKENS", list, Level::Write)?;
        }
        if let Some(list) = read {
            tokens.add_list("NEWSGRAPH_READ_TOKENS", list, Level::Read)?;
        }
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|e| StartupError::Tokens {
                setting: "NEWSGRAPH_TOKENS_FILE".to_owned(),
                reason: format!("cannot read {}: {e}", path.display()),
            })?;
            for (i, line) in text.lines().enumerate() {
                // A word that starts with `#` begins a comment to the end of
                // the line (`write editor TOKEN   # note`); a `#` inside a
                // token is part of it.
                let fields: Vec<&str> = line
                    .split_whitespace()
                    .take_while(|word| !word.starts_with('#'))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                let setting = format!("NEWSGRAPH_TOKENS_FILE line {}", i + 1);
                let [level, name, secret] = fields[..] else {
                    return Err(StartupError::Tokens {
                        setting,
                        reason: "expected `read NAME TOKEN` or `write NAME TOKEN`".to_owned(),
                    });
                };
                let level = match level {
                    "read" => Level::Read,
                    "write" => Level::Write,
                    other => {
                        return Err(StartupError::Tokens {
                            setting,
                            reason: format!("\"{other}\" is neither `read` nor `write`"),
                        });
                    }
                };
                tokens.add(&setting, name, secret, level)?;
            }
        }
        Ok(tokens)
    }

    fn add_list(&mut self, setting: &str, list: &str, level: Level) -> Result<(), StartupError> {
        for pair in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, secret)) = pair.split_once('=') else {
                return Err(StartupError::Tokens {
                    setting: setting.to_owned(),
                    reason: "expected NAME=TOKEN pairs separated by commas".to_owned(),
                });
            };
            self.add(setting, name.trim(), secret.trim(), level)?;
        }
        Ok(())
    }

    fn add(&mut self, setting: &str, name: &str, secret: &str, level: Level) -> Result<(), StartupError> {
        let fail = |reason: String| StartupError::Tokens {
            setting: setting.to_owned(),
            reason,
        };
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c))
        {
            return Err(fail(format!(
                "the token name \"{name}\" must be letters, digits, `-`, `_`, `.` or `@`"
            )));
        }
        if secret.len() < MIN_TOKEN_LEN || !secret.chars().all(|c| c.is_ascii_graphic()) {
            return Err(fail(format!(
                "the token of \"{name}\" must be at least {MIN_TOKEN_LEN} visible ASCII characters"
            )));
        }
        if self.tokens.iter().any(|t| t.name == name) {
            return Err(fail(format!("the token name \"{name}\" is used twice")));
        }
        if self
            .tokens
            .iter()
            .any(|t| bool::from(t.secret.ct_eq(secret.as_bytes())))
        {
            return Err(fail(format!(
                "the token of \"{name}\" is also another name's token"
            )));
        }
        self.tokens.push(Token {
            name: name.to_owned(),
            secret: secret.as_bytes().to_vec(),
            level,
        });
        Ok(())
    }

    /// Whether reading needs a token.
    pub fn reads_need_token(&self) -> bool {
        self.tokens.iter().any(|t| t.level == Level::Read)
    }

    /// Who a request with this `Authorization` header acts as.
    pub fn caller(&self, authorization: Option<&[u8]>) -> Caller {
        let Some(header) = authorization else {
            return Caller::Anonymous;
        };
        let Some(presented) = bearer(header) else {
            return Caller::Refused;
        };
        // Compare with every token, so the time taken says nothing of which
        // one (or whether one) matched.
        let mut found: Option<&Token> = None;
        for token in &self.tokens {
            if bool::from(token.secret.ct_eq(presented)) {
                found = Some(token);
            }
        }
        match found {
            Some(token) => Caller::Token {
                name: token.name.clone(),
                level: token.level,
            },
            None => Caller::Refused,
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer(header: &[u8]) -> Option<&[u8]> {
    let text = std::str::from_utf8(header).ok()?.trim();
    let (scheme, token) = text.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> Tokens {
        Tokens::from_settings(
            Some("editor=0123456789abcdef,bot=fedcba9876543210"),
            Some("reader=readreadreadread"),
            None,
        )
        .expect("valid tokens")
    }

    #[test]
    fn a_bearer_token_names_its_caller() {
        let t = tokens();
        assert_eq!(
            t.caller(Some(b"Bearer 0123456789abcdef")),
            Caller::Token {
                name: "editor".into(),
                level: Level::Write
            }
        );
        assert_eq!(
            t.caller(Some(b"bearer readreadreadread")),
            Caller::Token {
                name: "reader".into(),
                level: Level::Read
            }
        );
        assert_eq!(t.caller(None), Caller::Anonymous);
        assert_eq!(t.caller(Some(b"Bearer nope")), Caller::Refused);
        assert_eq!(t.caller(Some(b"Basic 0123456789abcdef")), Caller::Refused);
        assert!(t.reads_need_token());
    }

    #[test]
    fn bad_settings_are_refused_with_the_setting_named() {
        for (write, expected) in [
            ("editor", "NAME=TOKEN"),
            ("editor=short", "at least 16"),
            ("a b=0123456789abcdef", "token name"),
            ("x=0123456789abcdef,x=fedcba9876543210", "used twice"),
            ("x=0123456789abcdef,y=0123456789abcdef", "another name's token"),
        ] {
            let err = Tokens::from_settings(Some(write), None, None)
                .expect_err(write)
                .to_string();
            assert!(
                err.contains("NEWSGRAPH_WRITE_TOKENS") && err.contains(expected),
                "{write}: {err}"
            );
            assert!(!err.contains("0123456789abcdef"), "a token leaked into {err}");
        }
    }
}
