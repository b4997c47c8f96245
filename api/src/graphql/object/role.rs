//! Roles (a person's title in an organisation) and relations between people.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{relation, role};

use entity::statement;
use sea_orm::EntityTrait;

use super::{Evidence, Organisation, Person, Statement, evidence::evidence_of, load_entity};
use crate::error::AppResult;
use crate::graphql::connection::{Page, PageArgs};
use crate::graphql::filter::{self, StatementFilter, StatementOrder};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::Entity;
use crate::graphql::scalars::PartialDate;
use crate::graphql::{database, nested};
use crate::loader::Scope;

/// A person's title in an organisation over a span of time.
#[derive(Debug, Clone)]
pub struct Role(pub role::Model);

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
        GlobalId::new(NodeKind::Role, self.0.id).encode()
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

    /// What was said in this role.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
    )]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only items matching this too.")] filter: Option<StatementFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Statement>> {
        let select = filter::statements(database(ctx)?, statement::Entity::find(), filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("speaker_role_id"),
            select,
            StatementOrder::order(order_by),
            args,
            Statement,
        )
        .await
    }

    /// The span of the source that states the role.
    async fn evidence(&self) -> Evidence {
        evidence_of!(self.0)
    }

    /// When the role was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the role was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The role's version: 1 when added, one more with each change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A relation from one person to another: `person` is `kind` of `relatedPerson`.
#[derive(Debug, Clone)]
pub struct Relation(pub relation::Model);

/// A relation between two people, read as "`person` is the `kind` of
/// `relatedPerson`" (Kushner is the son-in-law of Trump).
#[Object]
impl Relation {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Relation, self.0.id).encode()
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

    /// The span of the source that states the relation.
    async fn evidence(&self) -> Evidence {
        evidence_of!(self.0)
    }

    /// When the relation was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the relation was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The relation's version: 1 when added, one more with each change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
