//! `updateFinancialMeasure`: correcting money on the table, its amount,
//! terms and parties, with the import's rules.

use async_graphql::{ID, MaybeUndefined};
use entity::kinds;
use entity::{financial_measure, financial_measure_issue};
use sea_orm::{DatabaseTransaction, EntityTrait, Set};

use super::check::{self, ENTITIES, ISSUE, PatchChecks, Problems};
use super::write;
use crate::domain::{Amount, CurrencyCode, PartialDate, Term};
use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutation::patch::parsed;
use crate::graphql::mutation::update::Update;
use crate::graphql::mutation::{EvidenceInput, SecuredAgainstInput, ShareInput};
use crate::graphql::object::{FinancialMeasureKind, FinancialMeasureStatus, Qualifier};
use crate::graphql::scalars::Decimal;
use crate::names::fold_text;
use crate::store::identity::FinancialMeasureIdentity;

patch_input! {
    /// Changes to a financial measure. Fields left out stay as they are; null
    /// clears a field a measure may lack; a list given replaces the whole list.
    FinancialMeasurePatch {
        /// What kind of measure it is.
        kind: FinancialMeasureKind,
        /// A short label.
        label: String,
        /// The exact amount, 0 or more, in `currency`; null clears it (and
        /// `currency` must be cleared with it).
        amount: Decimal,
        /// The amount's ISO 4217 currency code (`EUR`); a measure has an
        /// amount and a currency, or neither. Null clears it.
        currency: String,
        /// How the amount relates to the true figure; null clears it.
        amount_qualifier: Qualifier,
        /// Where the measure stands.
        status: FinancialMeasureStatus,
        /// How long it runs, as an ISO 8601 duration (`P2Y`); null clears it.
        term: String,
        /// The share of a need it covers, replacing the old one; null clears it.
        share: ShareInput,
        /// Who provides the money (a `Person`, `Organisation` or `Place` ID);
        /// null clears it.
        provider: ID,
        /// Who receives the money (a `Person`, `Organisation` or `Place` ID);
        /// null clears it.
        recipient: ID,
        /// What it is secured against, replacing the old one; null clears it.
        secured_against: SecuredAgainstInput,
        /// The issues it serves (`Issue` IDs): replaces the list (`[]` for none).
        issues: Vec<ID>,
        /// When it was announced: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
        announced_on: String,
        /// The span of the source that reports it, replacing the old evidence;
        /// checked against the source's text.
        evidence: EvidenceInput,
    }
}

/// What the measure is secured against, checked.
struct Secured {
    entity: Option<GlobalId>,
    issue: Option<GlobalId>,
    qualifier: Option<String>,
}

/// A patch with its values checked; what needs the database is checked in
/// [`apply`].
pub(super) struct Checked {
    kind: Option<kinds::FinancialMeasureKind>,
    label: Option<String>,
    amount: MaybeUndefined<Amount>,
    currency: MaybeUndefined<CurrencyCode>,
    amount_qualifier: MaybeUndefined<kinds::Qualifier>,
    status: Option<kinds::FinancialMeasureStatus>,
    term: MaybeUndefined<Term>,
    share: MaybeUndefined<ShareInput>,
    provider: MaybeUndefined<GlobalId>,
    recipient: MaybeUndefined<GlobalId>,
    secured_against: MaybeUndefined<Secured>,
    issues: Option<Vec<GlobalId>>,
    announced_on: MaybeUndefined<PartialDate>,
    evidence: Option<crate::store::Evidence<GlobalId>>,
    /// The fields given, for the write log.
    fields: Vec<String>,
}

impl Checked {
    /// Every ID the patch names, at its path.
    fn named(&self) -> Vec<(String, GlobalId)> {
        let mut named = Vec::new();
        write::name(&mut named, "input.provider", self.provider.value().copied());
        write::name(&mut named, "input.recipient", self.recipient.value().copied());
        if let Some(secured) = self.secured_against.value() {
            write::name(&mut named, "input.securedAgainst.entity", secured.entity);
            write::name(&mut named, "input.securedAgainst.issue", secured.issue);
        }
        write::name_list(
            &mut named,
            "input.issues",
            self.issues.as_deref().unwrap_or_default(),
        );
        write::name_evidence(&mut named, "input.evidence", self.evidence.as_ref());
        named
    }
}

impl Update for Checked {
    type Input = FinancialMeasurePatch;

    fn checked(input: FinancialMeasurePatch, _: GlobalId) -> AppResult<Self> {
        let fields = check::given(input.given())?;
        let mut p = Problems::default();
        let kind = p
            .required(input.kind, "input.kind", "a financial measure's kind")
            .map(Into::into);
        let label = p
            .required(input.label, "input.label", "a financial measure's label")
            .map(|l| p.text(l, "input.label", "label"));
        // The import's rules, on the import's text of the number.
        let amount = input.amount.map_value(|a| a.0.to_string());
        let amount = parsed(amount, "input.amount", Amount::parse, &mut p);
        let currency = parsed(input.currency, "input.currency", CurrencyCode::parse, &mut p);
        let status = p
            .required(input.status, "input.status", "a financial measure's status")
            .map(Into::into);
        let term = parsed(input.term, "input.term", Term::parse, &mut p);
        if let MaybeUndefined::Value(share) = &input.share {
            if share.numerator < 0 {
                p.push(
                    "input.share.numerator",
                    format!("{} must be between 0 and {}", share.numerator, i32::MAX),
                );
            }
            if share.denominator < 1 {
                p.push(
                    "input.share.denominator",
                    format!("{} must be between 1 and {}", share.denominator, i32::MAX),
                );
            }
        }
        let provider = p.optional_id(input.provider, "input.provider", ENTITIES);
        let recipient = p.optional_id(input.recipient, "input.recipient", ENTITIES);
        let secured_against = input.secured_against.map_value(|s| {
            if s.entity.is_some() == s.issue.is_some() {
                p.push("input.securedAgainst", "name either an entity or an issue");
            }
            Secured {
                entity: s
                    .entity
                    .and_then(|id| p.id(&id, "input.securedAgainst.entity", ENTITIES)),
                issue: s
                    .issue
                    .and_then(|id| p.id(&id, "input.securedAgainst.issue", ISSUE)),
                qualifier: s.qualifier,
            }
        });
        let issues = p
            .list(input.issues, "input.issues")
            .map(|ids| p.ids(&ids, "input.issues", ISSUE));
        let announced_on = p.date(input.announced_on, "input.announcedOn");
        let evidence = p
            .required(input.evidence, "input.evidence", "a financial measure's evidence")
            .and_then(|e| p.evidence(e, "input.evidence"));
        p.finish()?;
        Ok(Checked {
            kind,
            label,
            amount,
            currency,
            amount_qualifier: input.amount_qualifier.map_value(Into::into),
            status,
            term,
            share: input.share,
            provider,
            recipient,
            secured_against,
            issues,
            announced_on,
            evidence,
            fields,
        })
    }

    /// Writes a checked patch, based on `version`.
    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let patch = self;
        let current = current_row!(txn, financial_measure, key, version, "financial measure");
        write::all_found(txn, &patch.named()).await?;
        let mut problems = Problems::default();
        amount_with_currency(patch, &current, &mut problems);
        let mut row = columns(patch);
        references(txn, patch, &mut row).await?;
        let issues = issue_links(txn, key, patch).await?;
        if let Some(evidence) = &patch.evidence {
            let evidence =
                crate::graphql::mutation::span::resolve(txn, evidence, "input.evidence", &mut problems)
                    .await?;
            crate::set_evidence!(row, evidence.source, &evidence);
        }
        problems.finish()?;
        refuse_twin(txn, patch, &current).await?;

        // A person corrected the fact: it is curated now, unless the new
        // evidence says otherwise.
        if patch.evidence.is_none() {
            row.curated = Set(true);
        }
        write_next_version!(
            txn,
            financial_measure,
            row,
            key,
            version,
            "financial measure",
            None
        );
        if let Some(links) = issues {
            write::replace_children(txn, key, links).await?;
        }
        let node = GlobalId::new(NodeKind::FinancialMeasure, key);
        write::record(txn, actor, "updateFinancialMeasure", node, version, &patch.fields).await
    }
}

/// The columns of plain values the patch changes.
fn columns(patch: &Checked) -> financial_measure::ActiveModel {
    let mut row = financial_measure::ActiveModel::default();
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(label) = &patch.label {
        row.label = Set(label.clone());
        row.folded_label = Set(Some(fold_text(label)));
    }
    if !patch.amount.is_undefined() {
        row.amount = Set(patch.amount.value().map(Amount::canonical));
    }
    if !patch.currency.is_undefined() {
        row.currency = Set(patch.currency.value().map(|c| c.as_str().to_owned()));
    }
    if !patch.amount_qualifier.is_undefined() {
        row.amount_qualifier = Set(patch.amount_qualifier.take());
    }
    if let Some(status) = patch.status {
        row.status = Set(status);
    }
    if !patch.term.is_undefined() {
        row.term = Set(patch.term.value().map(|t| t.as_str().to_owned()));
    }
    if !patch.share.is_undefined() {
        let share = patch.share.value();
        row.share_numerator = Set(share.map(|s| s.numerator));
        row.share_denominator = Set(share.map(|s| s.denominator));
        row.share_of = Set(share.and_then(|s| s.of.clone()));
    }
    if let Some((date, precision)) = write::date_columns(&patch.announced_on) {
        (row.announced_on, row.announced_on_precision) = (Set(date), Set(precision));
    }
    row
}

/// The parties and collateral the patch changes, looked up.
async fn references(
    txn: &DatabaseTransaction,
    patch: &Checked,
    row: &mut financial_measure::ActiveModel,
) -> AppResult<()> {
    if let Some(provider) = write::optional_entity(txn, &patch.provider, "input.provider").await? {
        row.provider_id = Set(provider);
    }
    if let Some(recipient) = write::optional_entity(txn, &patch.recipient, "input.recipient").await? {
        row.recipient_id = Set(recipient);
    }
    match &patch.secured_against {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => {
            row.secured_against_entity_id = Set(None);
            row.secured_against_issue_id = Set(None);
            row.secured_against_qualifier = Set(None);
        }
        MaybeUndefined::Value(s) => {
            let entity = match s.entity {
                Some(id) => Some(write::entity(txn, id, "input.securedAgainst.entity").await?.0),
                None => None,
            };
            let issue = match s.issue {
                Some(id) => Some(write::issue(txn, id, "input.securedAgainst.issue").await?),
                None => None,
            };
            row.secured_against_entity_id = Set(entity);
            row.secured_against_issue_id = Set(issue);
            row.secured_against_qualifier = Set(s.qualifier.clone());
        }
    }
    Ok(())
}

/// The issues the patch replaces, looked up.
async fn issue_links(
    txn: &DatabaseTransaction,
    key: i64,
    patch: &Checked,
) -> AppResult<Option<Vec<financial_measure_issue::ActiveModel>>> {
    let Some(ids) = &patch.issues else {
        return Ok(None);
    };
    let mut links = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let issue = write::issue(txn, *id, &format!("input.issues[{i}]")).await?;
        links.push(financial_measure_issue::ActiveModel {
            financial_measure_id: Set(key),
            issue_id: Set(issue),
        });
    }
    Ok(Some(links))
}

/// A measure has an amount with its currency, or neither, after the patch
/// as before it.
fn amount_with_currency(patch: &Checked, current: &financial_measure::Model, problems: &mut Problems) {
    fn after<T>(field: &MaybeUndefined<T>, stored: &Option<String>) -> bool {
        match field {
            MaybeUndefined::Undefined => stored.is_some(),
            MaybeUndefined::Null => false,
            MaybeUndefined::Value(_) => true,
        }
    }
    let amount = after(&patch.amount, &current.amount);
    let currency = after(&patch.currency, &current.currency);
    if amount == currency {
        return;
    }
    let path = if patch.currency.is_undefined() {
        "input.amount"
    } else {
        "input.currency"
    };
    let (has, lacks) = if amount {
        ("an amount", "currency")
    } else {
        ("a currency", "amount")
    };
    problems.push(
        path,
        format!("the measure would have {has} but no {lacks}: give an amount with its currency, or neither"),
    );
}

/// Refuses to make the measure one with another: the same kind and label
/// from the same span, which is how the import tells measures apart.
async fn refuse_twin(
    txn: &DatabaseTransaction,
    patch: &Checked,
    current: &financial_measure::Model,
) -> AppResult<()> {
    if patch.kind.is_none() && patch.label.is_none() && patch.evidence.is_none() {
        return Ok(());
    }
    let (source, span) = write::span_after(
        patch.evidence.as_ref(),
        current.source_id,
        current.span_start,
        current.span_end,
    );
    let twin = FinancialMeasureIdentity {
        source,
        span,
        kind: patch.kind.unwrap_or(current.kind),
        label: patch.label.clone().unwrap_or_else(|| current.label.clone()),
    }
    .find(txn, Some(current.id))
    .await?;
    write::refuse_twin(
        "financial measure",
        NodeKind::FinancialMeasure,
        twin,
        FinancialMeasureIdentity::WHAT,
    )
}
