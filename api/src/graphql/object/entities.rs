//! People, organisations and places: the three kinds of `Entity`.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{named_entity, organisation, place};

use super::load_place;
use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::loaders;

/// The fields every entity has, written once for the three kinds.
macro_rules! entity_object {
    ($(#[$doc:meta])* $ty:ident { $($extra:tt)* }) => {
        $(#[$doc])*
        #[Object]
        impl $ty {
            /// The object's opaque, stable global ID.
            pub async fn id(&self) -> ID {
                GlobalId::new(NodeKind::$ty, self.0.id).encode()
            }

            /// The canonical name.
            pub async fn name(&self) -> String {
                self.0.name.clone()
            }

            /// Other names and spellings the entity is known by.
            // async-graphql's own Result: the Entity interface calls this.
            pub async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
                let rows = loaders(ctx)?.entity_aliases.load_one(self.0.id).await?.unwrap_or_default();
                Ok(rows.into_iter().map(|a| a.name).collect())
            }

            /// A short description.
            pub async fn description(&self) -> Option<String> {
                self.0.description.clone()
            }

            /// The Wikidata QID (`Q7747`), where known.
            pub async fn wikidata_id(&self) -> Option<String> {
                self.0.wikidata_id.clone()
            }

            /// When the entity was added to the graph.
            pub async fn created_at(&self) -> DateTime<Utc> {
                self.0.created_at
            }

            /// When the entity was last changed.
            pub async fn updated_at(&self) -> DateTime<Utc> {
                self.0.updated_at
            }

            $($extra)*
        }
    };
}

/// A person: a speaker, a role holder, a participant.
#[derive(Debug, Clone)]
pub struct Person(pub named_entity::Model);

entity_object!(
    /// A person: someone who speaks, holds roles, takes part in events.
    Person {}
);

/// An organisation: a government, a body, an alliance, a company...
#[derive(Debug, Clone)]
pub struct Organisation(pub named_entity::Model, pub organisation::Model);

entity_object!(
    /// An organisation: a government, an institution, an alliance, a company, a news outlet...
    Organisation {
        /// What kind of body it is.
        async fn kind(&self) -> OrganisationKind {
            self.1.kind.into()
        }

        /// The country it belongs to, where it has one.
        async fn country(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
            load_place(ctx, self.1.country_id).await
        }
    }
);

/// A place: a country, a region, a city...
#[derive(Debug, Clone)]
pub struct Place(pub named_entity::Model, pub place::Model);

entity_object!(
    /// A place: a continent, a country, a region, a city, a site; places form a tree.
    Place {
        /// What kind of place it is.
        async fn kind(&self) -> PlaceKind {
            self.1.kind.into()
        }

        /// The place it lies in (Dnipro lies in Dnipropetrovsk Oblast).
        async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
            load_place(ctx, self.1.parent_id).await
        }

        /// Latitude in decimal degrees (WGS 84), where known.
        async fn latitude(&self) -> Option<f64> {
            self.1.latitude
        }

        /// Longitude in decimal degrees (WGS 84), where known.
        async fn longitude(&self) -> Option<f64> {
            self.1.longitude
        }
    }
);

/// What kind of body an organisation is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::OrganisationKind")]
pub enum OrganisationKind {
    /// A national government or its executive ("the Kremlin").
    Government,
    /// A body of a government: a ministry, a council, a commission.
    GovernmentBody,
    /// A parliament or one of its chambers.
    Legislature,
    /// Armed forces or one of their units.
    Military,
    /// An intelligence service.
    IntelligenceAgency,
    /// A body of several states (the European Commission, the UN).
    InternationalOrganisation,
    /// An alliance of states' armed forces (NATO).
    MilitaryAlliance,
    /// A political party.
    PoliticalParty,
    /// A company.
    Company,
    /// A newspaper, broadcaster or other outlet.
    NewsOutlet,
    /// A non-governmental organisation.
    Ngo,
    /// None of the above.
    Other,
}

/// What kind of place a place is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::PlaceKind")]
pub enum PlaceKind {
    /// A continent (Europe).
    Continent,
    /// A sovereign country (Ukraine).
    Country,
    /// A first-level division of a country (Dnipropetrovsk Oblast).
    Region,
    /// A city or town (Dnipro).
    City,
    /// A district of a city or region.
    District,
    /// A building, base or other site.
    Site,
    /// None of the above.
    Other,
}
