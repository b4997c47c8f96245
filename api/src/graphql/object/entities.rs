//! People, organisations and places: the three kinds of `Entity`.

use std::collections::HashMap;

use async_graphql::indexmap::IndexMap;
use async_graphql::registry::{MetaField, MetaType, Registry};
use async_graphql::{ContainerType, Context, ID, Object, ServerResult, Value};
use chrono::{DateTime, Utc};
use entity::named_entity;

use super::{
    Event, FinancialMeasure, NodeObject, Organisation, Person, Place, Relation, Role, Statement, children,
    load_place,
};
use crate::error::AppResult;
use crate::graphql::filter::{EntityFilter, EntityOrder, OrganisationFilter, PlaceFilter};
use crate::graphql::flat::{Also, Flat};
use crate::graphql::list::{List, Listing, list_fields};
use crate::graphql::loaders;
use crate::graphql::node::Entity;
use crate::loader::{Scope, Tree};

/// The fields every entity has but `id` and lists: the `Entity`
/// interface's.
pub struct EntityFields<'a>(&'a named_entity::Model);

/// The fields every entity has.
#[Object]
impl EntityFields<'_> {
    /// The canonical name.
    pub async fn name(&self) -> &str {
        &self.0.name
    }

    /// Other names and spellings the entity is known by.
    pub async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let rows = children(&loaders(ctx)?.entity_aliases, self.0.id).await?;
        Ok(rows.into_iter().map(|a| a.name).collect())
    }

    /// A short description.
    pub async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The Wikidata QID (`Q7747`), where known.
    pub async fn wikidata_id(&self) -> Option<&str> {
        self.0.wikidata_id.as_deref()
    }

    /// When the entity was added to the graph.
    pub async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the entity was last changed.
    pub async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The entity's version: 1 when added, one more with each change.
    /// Updates send the version they were based on.
    pub async fn version(&self) -> i32 {
        self.0.version
    }
}

/// Its fields return scalars only, so registering them recurses nowhere
/// and the set is complete when an object copies it (see `flat`).
impl Flat for EntityFields<'_> {
    fn fields(registry: &mut Registry, fields: &mut IndexMap<String, MetaField>) {
        if let MetaType::Object { fields: own, .. } = registry.create_fake_output_type::<Self>() {
            fields.extend(own);
        }
    }

    fn register_returns(_: &mut Registry) {}

    async fn resolve_flat(&self, ctx: &Context<'_>) -> ServerResult<Option<Value>> {
        ContainerType::resolve_field(self, ctx).await
    }
}

/// The lists every entity has.
type EntityLists = Also<
    List<AddressedIn>,
    Also<List<MentionedIn>, Also<List<MeasuresGiven>, Also<List<MeasuresReceived>, List<MeasuresSecured>>>>,
>;

/// The fields every entity has but `id`, which each kind has of its own.
type Common<'a> = Also<EntityFields<'a>, EntityLists>;

/// The fields every entity has, of this row.
fn common(row: &named_entity::Model) -> Common<'_> {
    let mentions = Scope::Link {
        table: "statement_mention",
        parent: "entity_id",
        row: "statement_id",
    };
    let lists = Also(
        List::under(row.id, Scope::Column("audience_id")),
        Also(
            List::under(row.id, mentions),
            Also(
                List::under(row.id, Scope::Column("provider_id")),
                Also(
                    List::under(row.id, Scope::Column("recipient_id")),
                    List::under(row.id, Scope::Column("secured_against_entity_id")),
                ),
            ),
        ),
    );
    Also(EntityFields(row), lists)
}

/// An entity kind, as the `Entity` interface reads it: through the fields
/// every entity has (but `id`, which each kind has of its own).
pub(crate) trait EntityObject {
    /// The kind's row of the `entity` table.
    fn row(&self) -> &named_entity::Model;

    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(EntityFields(self.row()).name(ctx).await?.to_owned())
    }

    async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        EntityFields(self.row()).aliases(ctx).await
    }

    async fn description(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(EntityFields(self.row())
            .description(ctx)
            .await?
            .map(str::to_owned))
    }

    async fn wikidata_id(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(EntityFields(self.row())
            .wikidata_id(ctx)
            .await?
            .map(str::to_owned))
    }

    async fn created_at(&self, ctx: &Context<'_>) -> async_graphql::Result<DateTime<Utc>> {
        EntityFields(self.row()).created_at(ctx).await
    }

    async fn updated_at(&self, ctx: &Context<'_>) -> async_graphql::Result<DateTime<Utc>> {
        EntityFields(self.row()).updated_at(ctx).await
    }

    async fn version(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        EntityFields(self.row()).version(ctx).await
    }
}

/// The rows that link events to their participants.
const PARTICIPANTS: Scope = Scope::Link {
    table: "event_participant",
    parent: "entity_id",
    row: "event_id",
};

/// A person: someone who speaks, holds roles, takes part in events.
#[Object]
impl Person {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    #[graphql(flatten)]
    async fn common(&self) -> Common<'_> {
        common(&self.0)
    }

    #[graphql(flatten)]
    async fn statements(&self) -> List<Said> {
        List::under(self.0.id, Scope::Column("speaker_id"))
    }

    #[graphql(flatten)]
    async fn roles(&self) -> List<RolesHeld> {
        List::under(self.0.id, Scope::Column("person_id"))
    }

    #[graphql(flatten)]
    async fn relations(&self) -> List<Relations> {
        List::under(self.0.id, Scope::EitherColumn("person_id", "related_person_id"))
    }

    #[graphql(flatten)]
    async fn events(&self) -> List<TookPart> {
        List::under(self.0.id, PARTICIPANTS)
    }
}

/// An organisation: a government, an institution, an alliance, a company, a news outlet...
#[Object]
impl Organisation {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    #[graphql(flatten)]
    async fn common(&self) -> Common<'_> {
        common(&self.0)
    }

    /// What kind of body it is.
    async fn kind(&self) -> OrganisationKind {
        self.1.kind.into()
    }

    /// The country it belongs to, where it has one.
    async fn country(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
        load_place(ctx, self.1.country_id).await
    }

    #[graphql(flatten)]
    async fn statements(&self) -> List<Said> {
        List::under(self.0.id, Scope::Column("speaker_id"))
    }

    #[graphql(flatten)]
    async fn members(&self) -> List<Members> {
        List::under(self.0.id, Scope::Column("organisation_id"))
    }

    #[graphql(flatten)]
    async fn events(&self) -> List<TookPart> {
        List::under(self.0.id, PARTICIPANTS)
    }
}

/// A place: a continent, a country, a region, a city, a site; places form a tree.
#[Object]
impl Place {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    #[graphql(flatten)]
    async fn common(&self) -> Common<'_> {
        common(&self.0)
    }

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

    #[graphql(flatten)]
    async fn children(&self) -> List<Children> {
        let scope = Scope::Link {
            table: "place",
            parent: "parent_id",
            row: "id",
        };
        List::under(self.0.id, scope)
    }

    #[graphql(flatten)]
    async fn events(&self) -> List<HappenedIn> {
        let scope = Scope::LinkWithin {
            table: "event_place",
            parent: "place_id",
            row: "event_id",
            tree: Tree::Place,
        };
        List::under(self.0.id, scope)
    }

    #[graphql(flatten)]
    async fn statements(&self) -> List<SaidIn> {
        List::under(self.0.id, Scope::ColumnWithin("place_id", Tree::Place))
    }

    #[graphql(flatten)]
    async fn organisations(&self) -> List<OfCountry> {
        let scope = Scope::Link {
            table: "organisation",
            parent: "country_id",
            row: "id",
        };
        List::under(self.0.id, scope)
    }
}

/// Declares the three kinds as entities and as list items, one a line:
/// `Kind: Filter;`.
macro_rules! entity_kinds {
    ($($kind:ident: $filter:ty;)+) => {$(
        impl EntityObject for $kind {
            fn row(&self) -> &named_entity::Model {
                &self.0
            }
        }

        impl Listing for $kind {
            type Table = named_entity::Entity;
            type Filter = $filter;
            type Order = EntityOrder;
            const LIST: &'static str = stringify!($kind);

            async fn wrap(ctx: &Context<'_>, rows: Vec<named_entity::Model>) -> AppResult<Vec<Option<Self>>> {
                entities(ctx, rows, |e| match e {
                    Entity::$kind(kind) => Some(kind),
                    _ => None,
                })
                .await
            }
        }
    )+};
}

entity_kinds!(
    Person: EntityFilter;
    Organisation: OrganisationFilter;
    Place: PlaceFilter;
);

/// Rows of the `entity` table as the kind `pick` takes, with their kind's
/// details read through the loader.
async fn entities<T>(
    ctx: &Context<'_>,
    rows: Vec<named_entity::Model>,
    pick: fn(Entity) -> Option<T>,
) -> AppResult<Vec<Option<T>>> {
    let ids: Vec<i64> = rows.iter().map(|e| e.id).collect();
    let mut records: HashMap<i64, _> = loaders(ctx)?.entity.load_many(ids.iter().copied()).await?;
    Ok(ids
        .iter()
        .map(|id| records.remove(id).map(Entity::from).and_then(pick))
        .collect())
}

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

list_fields!(
    AddressedIn: "addressedIn" => Statement, "Statements said to it: those whose audience it is.";
    MentionedIn: "mentionedIn" => Statement, "Statements that mention it.";
    MeasuresGiven: "financialMeasuresGiven" => FinancialMeasure, "Financial measures it provides the money of.";
    MeasuresReceived: "financialMeasuresReceived" => FinancialMeasure, "Financial measures it receives the money of.";
    MeasuresSecured: "financialMeasuresSecured" => FinancialMeasure, "Financial measures secured against its assets.";
    Said: "statements" => Statement, "What it said.";
    TookPart: "events" => Event, "Events it took part in.";
    RolesHeld: "roles" => Role, "The roles the person holds or held.";
    Relations: "relations" => Relation, "The person's relations to other people, both ways: where the person\nis `person` and where they are `relatedPerson`.";
    Members: "members" => Role, "The roles people hold or held in it: its members, officials and envoys.";
    Children: "children" => Place, "The places that lie directly in it.";
    HappenedIn: "events" => Event, "Events that happened in it or in a place within it.";
    SaidIn: "statements" => Statement, "Statements said in it or in a place within it.";
    OfCountry: "organisations" => Organisation, "The organisations of this country.";
);
