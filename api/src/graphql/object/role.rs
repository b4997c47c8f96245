//! Roles (a person's title in an organisation) and relations between people.

use async_graphql::{Context, ID, Object};
use entity::relation;

use super::{
    NodeObject, Organisation, Person, Relation, Role, Statement, evidence::fact_fields, load_entity,
};
use crate::error::AppResult;
use crate::graphql::flat::{Also, Cited, Stamps};
use crate::graphql::list::{List, ListOrder, list_fields};
use crate::graphql::node::Entity;
use crate::graphql::scalars::PartialDate;
use crate::loader::Scope;
use crate::page::{Order, OrderDirection};

async fn load_person(ctx: &Context<'_>, id: i64) -> AppResult<Option<Person>> {
    Ok(match load_entity(ctx, id).await? {
        Some(Entity::Person(p)) => Some(p),
        _ => None,
    })
}

/// A person's title in an organisation ("presidential aide" of the Kremlin),
/// over a span of time.
#[Object]
impl Role {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// The title, as the source gives it ("peace envoy").
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who holds the role.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        load_person(ctx, self.0.person_id).await
    }

    /// The organisation the role is in.
    async fn organisation(&self, ctx: &Context<'_>) -> AppResult<Option<Organisation>> {
        Ok(match load_entity(ctx, self.0.organisation_id).await? {
            Some(Entity::Organisation(o)) => Some(o),
            _ => None,
        })
    }

    /// Since when the role is held, where known.
    async fn since(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.since, self.0.since_precision)
    }

    /// Until when the role was held; empty while it is held or when unknown.
    async fn until(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.until, self.0.until_precision)
    }

    #[graphql(flatten)]
    async fn statements(&self) -> List<SaidAs> {
        List::under(self.0.id, Scope::Column("speaker_role_id"))
    }

    #[graphql(flatten)]
    async fn fact(&self) -> Also<Cited<Self>, Stamps<Self>> {
        fact_fields!(self.0, Role)
    }
}

/// A relation between two people, read as "`person` is the `kind` of
/// `relatedPerson`" (Kushner is the son-in-law of Trump).
#[Object]
impl Relation {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// The kind of relation ("son-in-law").
    async fn kind(&self) -> &str {
        &self.0.kind
    }

    /// The person the relation starts from.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        load_person(ctx, self.0.person_id).await
    }

    /// The person the relation points to.
    async fn related_person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        load_person(ctx, self.0.related_person_id).await
    }

    #[graphql(flatten)]
    async fn fact(&self) -> Also<Cited<Self>, Stamps<Self>> {
        fact_fields!(self.0, Relation)
    }
}

/// Relations have no `orderBy`: they come as added.
impl ListOrder<relation::Entity> for () {
    fn order(_: Option<Self>, list: &'static str) -> Order<relation::Entity> {
        Order::by_key(list, OrderDirection::Asc)
    }
}

list_fields!(
    SaidAs: "statements" => Statement, "What was said in this role.";
);
