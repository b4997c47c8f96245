//! Correcting sources: an article's details, and its text while no fact
//! cites it.

use async_graphql::MaybeUndefined;
use entity::{event, event_quantity, fact_evidence, financial_measure, relation, role, source, statement};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::patch::{Problems, log, not_null, optional_text, refuse_empty, refuse_taken, required_text};
use super::update::Update;
use crate::domain::LanguageTag;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::GlobalId;
use crate::graphql::scalars::Date;
use crate::names::fold_text;

patch_input! {
    /// Changes to a source; fields left out stay as they are. The key stays.
    SourcePatch {
        /// The article's address, which no other source may have; null clears it.
        url: String,
        /// The headline.
        title: String,
        /// Who published it; null clears it.
        publisher: String,
        /// When it was published: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
        published_on: Date,
        /// The language of the text, as a BCP 47 tag (`en`, `pt-BR`), 35
        /// characters at most; null clears it.
        language: String,
        /// The full text. It can change only while no fact cites the source:
        /// the evidence spans of facts point into it by offset.
        text: String,
    }
}

update_mutation! {
    /// Corrects a source. The update is based on `version`, the source's
    /// version the client read: if the source changed since, nothing is
    /// written and the error is `CONFLICT`, as it is for a URL another
    /// source has and for a new text while facts cite the source. Unknown
    /// IDs are `NOT_FOUND`; invalid fields are `BAD_USER_INPUT` with their
    /// path in `extensions.problems`.
    SourceMutation::update_source(SourcePatch) -> Source by Changes, "The source's global ID."
}

/// A source patch with its values checked and trimmed.
struct Changes {
    url: MaybeUndefined<String>,
    title: Option<String>,
    publisher: MaybeUndefined<String>,
    published_on: MaybeUndefined<Date>,
    language: MaybeUndefined<String>,
    text: Option<String>,
}

impl Update for Changes {
    type Input = SourcePatch;

    fn checked(input: SourcePatch, _: GlobalId) -> AppResult<Self> {
        let mut problems = Problems::default();
        refuse_empty(!input.given().is_empty(), &mut problems);
        let url = optional_text(input.url, "input.url", &mut problems);
        let title = required_text(input.title, "title", "a source always has a title", &mut problems);
        let publisher = optional_text(input.publisher, "input.publisher", &mut problems);
        let language = optional_text(input.language, "input.language", &mut problems);
        if let MaybeUndefined::Value(tag) = &language {
            problems.parsed("input.language", LanguageTag::parse(tag));
        }
        // The text is kept as given: evidence offsets count from its first
        // code point, whitespace included.
        let text = not_null(
            input.text,
            "input.text",
            "a source always has a text",
            &mut problems,
        );
        if text.as_ref().is_some_and(|t| t.trim().is_empty()) {
            problems.push("input.text", "text must not be empty");
        }
        problems.finish()?;
        Ok(Self {
            url,
            title,
            publisher,
            published_on: input.published_on,
            language,
            text,
        })
    }

    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let current = current_row!(txn, source, key, version, "source");
        let taken = "input.url: another source has this URL";
        let url = [source::Column::Url, source::Column::Id];
        let what = |other: source::Model| format!("URL of the source \"{}\"", other.key);
        refuse_taken::<source::Entity>(txn, url, ("input.url", &self.url), key, what).await?;
        let new_text = self.text.as_ref().filter(|text| **text != current.text);
        if new_text.is_some() {
            let cited = citing_facts(txn, key).await?;
            if cited > 0 {
                return Err(AppError::Conflict(format!(
                    "input.text: {cited} evidence span{s} of facts point{v} into this source's text by offset, so the text cannot change; retract those facts first, or add the corrected article as a new source",
                    s = if cited == 1 { "" } else { "s" },
                    v = if cited == 1 { "s" } else { "" },
                )));
            }
        }

        let mut changed = Vec::new();
        let mut row: source::ActiveModel = current.clone().into();
        if !self.url.is_undefined() {
            row.url = Set(self.url.clone().take());
            changed.push("url");
        }
        if let Some(title) = &self.title {
            row.title = Set(title.clone());
            row.folded_title = Set(Some(fold_text(title)));
            changed.push("title");
        }
        if !self.publisher.is_undefined() {
            row.publisher = Set(self.publisher.clone().take());
            changed.push("publisher");
        }
        if !self.published_on.is_undefined() {
            row.published_on = Set(self.published_on.take().map(|d| d.0));
            row.published_on_precision = Set(self.published_on.take().map(|d| d.1));
            changed.push("publishedOn");
        }
        if !self.language.is_undefined() {
            row.language = Set(self.language.clone().take());
            changed.push("language");
        }
        if let Some(text) = new_text {
            row.folded_text = Set(Some(fold_text(text)));
            row.text = Set(text.clone());
            changed.push("text");
        }
        write_next_version!(txn, source, row, key, version, "source", Some(taken));
        log(txn, actor, "updateSource", "source", key, version + 1, &changed).await
    }
}

/// How many evidence spans of facts (statements, financial measures,
/// events, counts of events, roles and relations) point into a source:
/// their first reports and their later ones.
async fn citing_facts(txn: &DatabaseTransaction, key: i64) -> AppResult<u64> {
    Ok(
        citing::<statement::Entity>(txn, statement::Column::SourceId, key).await?
            + citing::<financial_measure::Entity>(txn, financial_measure::Column::SourceId, key).await?
            + citing::<event::Entity>(txn, event::Column::SourceId, key).await?
            + citing::<event_quantity::Entity>(txn, event_quantity::Column::SourceId, key).await?
            + citing::<role::Entity>(txn, role::Column::SourceId, key).await?
            + citing::<relation::Entity>(txn, relation::Column::SourceId, key).await?
            + citing::<fact_evidence::Entity>(txn, fact_evidence::Column::SourceId, key).await?,
    )
}

/// How many rows of `E` cite the source `key` in `column`.
async fn citing<E: EntityTrait>(txn: &DatabaseTransaction, column: E::Column, key: i64) -> AppResult<u64>
where
    E::Model: Sync,
{
    Ok(E::find().filter(column.eq(key)).count(txn).await?)
}
