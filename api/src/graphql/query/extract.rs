//! `extractArticle`: the extractor (`newsgraph extract`) over GraphQL, for
//! a front-end that shows a draft to a reviewer before it is imported.

use async_graphql::{Context, Json, Object};
use entity::kinds::DatePrecision;

use crate::error::{AppError, AppResult};
use crate::extract::{Article, Gazetteer, article_text, draft};
use crate::graphql::database;
use crate::graphql::scalars::Date;

/// What `extractArticle` costs against the complexity limit: reading the
/// graph's names and the whole text makes it a heavy request that takes
/// turns with the others.
const EXTRACT_COST: usize = 20_000;

#[derive(Default)]
pub struct ExtractQuery;

#[Object]
impl ExtractQuery {
    /// Reads an article's text and returns the draft document
    /// `newsgraph extract` would write for it: a document of the import
    /// format (`newsgraph/1`) with the article as its source and the quotes,
    /// speakers, reported speech and roles found in it, each citing its
    /// exact span with `curated: false` and a confidence. Names are resolved
    /// against the graph. Nothing is written; `importGraph` imports the
    /// draft once it is reviewed.
    #[graphql(complexity = "EXTRACT_COST")]
    async fn extract_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The article as plain text, at most 2 MiB; its first line is the headline unless `title` is given."
        )]
        text: String,
        #[graphql(
            desc = "The day it was published (`YYYY-MM-DD`); dates such as \"on Tuesday\" count back from it."
        )]
        published_on: Option<Date>,
        #[graphql(desc = "The headline.")] title: Option<String>,
        #[graphql(desc = "Where it is published.")] url: Option<String>,
        #[graphql(desc = "Who published it.")] publisher: Option<String>,
        #[graphql(desc = "Its language, a BCP 47 tag (`en`).")] language: Option<String>,
    ) -> AppResult<Json<serde_json::Value>> {
        let article = article(text, published_on, title, url, publisher, language)?;
        let known = Gazetteer::load(database(ctx)?).await?;
        // The rules are plain computation: off the request threads.
        let doc = tokio::task::spawn_blocking(move || draft(&article, &known))
            .await
            .map_err(|err| {
                tracing::error!(%err, "the extractor stopped");
                AppError::Internal
            })?;
        let value = serde_json::to_value(&doc).map_err(|err| {
            tracing::error!(%err, "a draft did not serialise");
            AppError::Internal
        })?;
        Ok(Json(value))
    }
}

/// An article from GraphQL arguments, or the problem with them.
pub fn article(
    text: String,
    published_on: Option<Date>,
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
) -> AppResult<Article> {
    let text = article_text(text.as_bytes())
        .map_err(|reason| AppError::invalid(vec![("text".to_owned(), reason)]))?;
    let published_on = match published_on {
        Some(Date(day, DatePrecision::Day)) => Some(day),
        Some(_) => {
            return Err(AppError::invalid(vec![(
                "publishedOn".to_owned(),
                "must be a day (`YYYY-MM-DD`): relative dates count back from it".to_owned(),
            )]));
        }
        None => None,
    };
    Ok(Article {
        text,
        title,
        published_on,
        url,
        publisher,
        language,
    })
}
