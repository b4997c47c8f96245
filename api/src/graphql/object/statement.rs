//! Statements: who said what, in which role, when and where.

use async_graphql::{Context, ID, Object};
use entity::statement_issue;

use super::{
    Issue, NodeObject, Place, Role, Statement, children, evidence::fact_fields, linked, load_entity,
    load_place,
};
use crate::error::{AppError, AppResult};
use crate::graphql::flat::{Also, Cited, Stamps};
use crate::graphql::loaders;
use crate::graphql::node::Entity;
use crate::graphql::scalars::PartialDate;

/// Something a person or an organisation said: quoted word for word, or
/// reported in the article's words.
#[Object]
impl Statement {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// What was said: the quoted words, or the reported gist.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Whether the text quotes the speaker or paraphrases them.
    async fn kind(&self) -> StatementKind {
        self.0.kind.into()
    }

    /// Who said it: a person or an organisation.
    async fn speaker(&self, ctx: &Context<'_>) -> AppResult<Entity> {
        load_entity(ctx, self.0.speaker_id).await?.ok_or_else(|| {
            tracing::error!(statement = self.0.id, "statement without its speaker");
            AppError::Internal
        })
    }

    /// The role the speaker spoke in ("Kremlin spokesman"), where the source gives it.
    async fn speaker_role(&self, ctx: &Context<'_>) -> AppResult<Option<Role>> {
        let Some(role) = self.0.speaker_role_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.role.load_one(role).await?.map(Role))
    }

    /// When it was said, as precisely as known.
    async fn said_on(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.said_on, self.0.said_on_precision)
    }

    /// Where it was said.
    async fn place(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
        load_place(ctx, self.0.place_id).await
    }

    /// To whom it was said, as the source puts it ("reporters").
    async fn audience(&self) -> Option<&str> {
        self.0.audience.as_deref()
    }

    /// The entity it was said to, where the audience is one.
    async fn audience_entity(&self, ctx: &Context<'_>) -> AppResult<Option<Entity>> {
        let Some(id) = self.0.audience_id else {
            return Ok(None);
        };
        load_entity(ctx, id).await
    }

    /// The issues the statement is about, each with the speaker's stance.
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn about(&self, ctx: &Context<'_>) -> AppResult<Vec<IssueStance>> {
        let links = children(&loaders(ctx)?.statement_issues, self.0.id).await?;
        let stance = |issue, link: statement_issue::Model| IssueStance {
            issue: Issue(issue),
            stance: link.stance.into(),
        };
        linked(&loaders(ctx)?.issue, links, |l| l.issue_id, stance).await
    }

    /// The people, organisations and places the statement mentions.
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn mentions(&self, ctx: &Context<'_>) -> AppResult<Vec<Entity>> {
        let links = children(&loaders(ctx)?.statement_mentions, self.0.id).await?;
        linked(
            &loaders(ctx)?.entity,
            links,
            |l| l.entity_id,
            |e, _| Entity::from(e),
        )
        .await
    }

    #[graphql(flatten)]
    async fn fact(&self) -> Also<Cited<Self>, Stamps<Self>> {
        fact_fields!(self.0, Statement)
    }
}

/// An issue a statement is about, with the speaker's stance on it.
#[derive(async_graphql::SimpleObject, Debug, Clone)]
pub struct IssueStance {
    /// The issue.
    pub issue: Issue,
    /// The speaker's position on it, as the statement expresses it.
    pub stance: Stance,
}

/// Whether a statement quotes its speaker or reports what they said.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::StatementKind")]
pub enum StatementKind {
    /// The speaker's own words, in quotation marks in the source.
    DirectQuote,
    /// The source's account of what the speaker said.
    Paraphrase,
}

/// A speaker's position on an issue.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::Stance")]
pub enum Stance {
    /// For it.
    Supports,
    /// Against it.
    Opposes,
    /// Neither for nor against.
    Neutral,
    /// Partly for and partly against.
    Mixed,
}
