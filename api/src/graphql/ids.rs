//! Global IDs: opaque, stable identifiers that name a node's type and key.
//!
//! An ID is the URL-safe base64 of `Type:key` (`Person:42`). Clients treat it
//! as opaque; the server can tell from it which table to read, so
//! `node(id:)` costs one lookup.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::AppError;

/// Every type that implements `Node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Person,
    Organisation,
    Place,
    Issue,
    Statement,
    Role,
    Relation,
    FinancialMeasure,
    Event,
    Source,
}

impl NodeKind {
    const ALL: [NodeKind; 10] = [
        Self::Person,
        Self::Organisation,
        Self::Place,
        Self::Issue,
        Self::Statement,
        Self::Role,
        Self::Relation,
        Self::FinancialMeasure,
        Self::Event,
        Self::Source,
    ];

    /// The kind of node a kind of fact record becomes; `None` for records
    /// of entities, issues and sources.
    pub fn of_fact(kind: crate::import::RecordKind) -> Option<Self> {
        use crate::import::RecordKind as R;
        Some(match kind {
            R::Statement => NodeKind::Statement,
            R::Role => NodeKind::Role,
            R::Relation => NodeKind::Relation,
            R::FinancialMeasure => NodeKind::FinancialMeasure,
            R::Event => NodeKind::Event,
            R::Source | R::Place | R::Organisation | R::Person | R::Issue => return None,
        })
    }

    /// The GraphQL type name, which is also the ID's prefix.
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organisation => "Organisation",
            Self::Place => "Place",
            Self::Issue => "Issue",
            Self::Statement => "Statement",
            Self::Role => "Role",
            Self::Relation => "Relation",
            Self::FinancialMeasure => "FinancialMeasure",
            Self::Event => "Event",
            Self::Source => "Source",
        }
    }

    fn from_type_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// A decoded global ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalId {
    pub kind: NodeKind,
    pub key: i64,
}

impl GlobalId {
    pub fn new(kind: NodeKind, key: i64) -> Self {
        Self { kind, key }
    }

    /// The opaque form clients see.
    pub fn encode(self) -> ID {
        ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", self.kind.type_name(), self.key)))
    }

    /// Reads an ID a client sent; a malformed one is `BAD_USER_INPUT`.
    pub fn decode(id: &str) -> Result<Self, AppError> {
        let invalid = || AppError::bad_input(format!("\"{id}\" is not a newsgraph ID"));
        let bytes = URL_SAFE_NO_PAD
            .decode(id.trim_end_matches('='))
            .map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let (name, key) = text.split_once(':').ok_or_else(invalid)?;
        let kind = NodeKind::from_type_name(name).ok_or_else(invalid)?;
        let parsed = key.parse::<i64>().map_err(|_| invalid())?;
        // Only the canonical spelling (no `+7`, no `007`): one node, one ID.
        if parsed <= 0 || parsed.to_string() != key {
            return Err(invalid());
        }
        Ok(Self { kind, key: parsed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let id = GlobalId::new(NodeKind::FinancialMeasure, 42);
        assert_eq!(GlobalId::decode(&id.encode()).unwrap(), id);
    }

    #[test]
    fn malformed_ids_are_refused() {
        for bad in ["", "???", "UGVyc29u", "UGVyc29uOjA", "Q2F0OjE"] {
            assert!(GlobalId::decode(bad).is_err(), "{bad}");
        }
        let non_canonical = URL_SAFE_NO_PAD.encode("Person:007");
        assert!(GlobalId::decode(&non_canonical).is_err());
    }
}
