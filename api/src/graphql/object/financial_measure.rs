//! Financial measures: money on the table, who pays whom, against what.

use std::str::FromStr;

use async_graphql::{Context, ID, Object, SimpleObject};

use super::{FinancialMeasure, Issue, NodeObject, children, evidence::fact_fields, linked, load_entity};
use crate::error::{AppError, AppResult};
use crate::graphql::flat::{Also, Cited, Stamps};
use crate::graphql::loaders;
use crate::graphql::node::Entity;
use crate::graphql::scalars::{Decimal, PartialDate};

/// Money on the table: a loan, a grant, a sanction, an asset freeze... with
/// its exact amount, its parties, what secures it, its term and its share
/// of a need.
#[Object]
impl FinancialMeasure {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// A short label ("EU loan to Ukraine backed by Russian assets").
    async fn label(&self) -> &str {
        &self.0.label
    }

    /// What kind of measure it is.
    async fn kind(&self) -> FinancialMeasureKind {
        self.0.kind.into()
    }

    /// The exact amount, in `currency`, as a decimal string.
    async fn amount(&self) -> AppResult<Option<Decimal>> {
        let Some(text) = &self.0.amount else {
            return Ok(None);
        };
        rust_decimal::Decimal::from_str(text)
            .map(|d| Some(Decimal(d)))
            .map_err(|err| {
                tracing::error!(measure = self.0.id, %err, "stored amount is not a decimal");
                AppError::Internal
            })
    }

    /// The ISO 4217 code of the amount's currency (`GBP`).
    async fn currency(&self) -> Option<&str> {
        self.0.currency.as_deref()
    }

    /// How the amount relates to the true figure ("about", "at least").
    async fn amount_qualifier(&self) -> Option<Qualifier> {
        self.0.amount_qualifier.map(Into::into)
    }

    /// Where the measure stands: proposed, agreed, disbursed or cancelled.
    async fn status(&self) -> FinancialMeasureStatus {
        self.0.status.into()
    }

    /// How long it runs, as an ISO 8601 duration (`P2Y` for two years).
    async fn term(&self) -> Option<&str> {
        self.0.term.as_deref()
    }

    /// The share of a need it covers ("two-thirds of Kyiv's financing needs").
    async fn share(&self) -> Option<Share> {
        let (numerator, denominator) = (self.0.share_numerator?, self.0.share_denominator?);
        Some(Share {
            numerator,
            denominator,
            fraction: f64::from(numerator) / f64::from(denominator),
            of: self.0.share_of.clone(),
        })
    }

    /// Who provides the money.
    async fn provider(&self, ctx: &Context<'_>) -> AppResult<Option<Entity>> {
        let Some(id) = self.0.provider_id else {
            return Ok(None);
        };
        load_entity(ctx, id).await
    }

    /// Who receives the money.
    async fn recipient(&self, ctx: &Context<'_>) -> AppResult<Option<Entity>> {
        let Some(id) = self.0.recipient_id else {
            return Ok(None);
        };
        load_entity(ctx, id).await
    }

    /// What the measure is secured against, where it is.
    async fn secured_against(&self) -> Option<SecuredAgainst> {
        let m = &self.0;
        if m.secured_against_entity_id.is_none() && m.secured_against_issue_id.is_none() {
            return None;
        }
        Some(SecuredAgainst {
            entity_id: m.secured_against_entity_id,
            issue_id: m.secured_against_issue_id,
            qualifier: m.secured_against_qualifier.clone(),
        })
    }

    /// The issues the measure serves ("financing of Ukraine's defence").
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn issues(&self, ctx: &Context<'_>) -> AppResult<Vec<Issue>> {
        let links = children(&loaders(ctx)?.financial_measure_issues, self.0.id).await?;
        linked(&loaders(ctx)?.issue, links, |l| l.issue_id, |m, _| Issue(m)).await
    }

    /// When the measure was announced, as precisely as known.
    async fn announced_on(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.announced_on, self.0.announced_on_precision)
    }

    #[graphql(flatten)]
    async fn fact(&self) -> Also<Cited<Self>, Stamps<Self>> {
        fact_fields!(self.0, FinancialMeasure)
    }
}

/// A share of a need, as an exact fraction.
#[derive(SimpleObject, Debug, Clone)]
pub struct Share {
    /// The fraction's numerator (2 in two-thirds).
    pub numerator: i32,
    /// The fraction's denominator (3 in two-thirds).
    pub denominator: i32,
    /// The fraction as a number (0.666...), for sorting and charts.
    pub fraction: f64,
    /// What it is a share of ("Kyiv's financing needs over the next two years").
    pub of: Option<String>,
}

/// What a financial measure is secured against: an entity's property or an
/// issue such as "frozen Russian assets", perhaps only in part.
#[derive(Debug, Clone)]
pub struct SecuredAgainst {
    entity_id: Option<i64>,
    issue_id: Option<i64>,
    qualifier: Option<String>,
}

/// What a financial measure is secured against.
#[Object]
impl SecuredAgainst {
    /// The entity whose assets secure the measure, when it is an entity.
    async fn entity(&self, ctx: &Context<'_>) -> AppResult<Option<Entity>> {
        let Some(id) = self.entity_id else { return Ok(None) };
        load_entity(ctx, id).await
    }

    /// The issue that names the collateral ("frozen Russian assets"), when it is one.
    async fn issue(&self, ctx: &Context<'_>) -> AppResult<Option<Issue>> {
        let Some(id) = self.issue_id else { return Ok(None) };
        Ok(loaders(ctx)?.issue.load_one(id).await?.map(Issue))
    }

    /// How much of the measure it secures, in the source's words ("mostly").
    async fn qualifier(&self) -> Option<&str> {
        self.qualifier.as_deref()
    }
}

/// What kind of financial measure it is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::FinancialMeasureKind")]
pub enum FinancialMeasureKind {
    /// Money lent, to be repaid.
    Loan,
    /// Money given.
    Grant,
    /// Aid in money or in kind.
    Aid,
    /// A financial sanction.
    Sanction,
    /// Assets frozen or seized.
    AssetFreeze,
    /// An investment.
    Investment,
    /// A budget or budget line.
    Budget,
    /// Reparations.
    Reparation,
    /// None of the above.
    Other,
}

/// Where a financial measure stands.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::FinancialMeasureStatus")]
pub enum FinancialMeasureStatus {
    /// Put forward, not yet agreed.
    Proposed,
    /// Agreed by the parties.
    Agreed,
    /// Paid out.
    Disbursed,
    /// Called off.
    Cancelled,
}

/// How a number relates to the true value.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::Qualifier")]
pub enum Qualifier {
    /// The number is exact.
    Exact,
    /// The number is approximate ("about").
    About,
    /// The true value is this or more ("at least").
    AtLeast,
    /// The true value is this or less ("at most").
    AtMost,
    /// A ceiling that may be reached ("up to").
    UpTo,
}
