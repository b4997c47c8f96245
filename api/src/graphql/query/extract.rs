//! `extractArticle`: the extractor (`newsgraph extract`) over GraphQL, for
//! a front-end that shows a draft to a reviewer before it is imported.

use async_graphql::{Context, InputObject, Json, Object};
use entity::kinds::DatePrecision;

use crate::error::{AppError, AppResult};
use crate::extract::{Article, article_text, draft, gazetteer};
use crate::graphql::database;
use crate::graphql::scalars::Date;
use crate::import::Document;

/// What `extractArticle` costs against the complexity limit: reading the
/// graph's names and the whole text makes it a heavy request that takes
/// turns with the others.
pub(crate) const EXTRACT_COST: usize = 20_000;

#[derive(Default)]
pub struct ExtractQuery;

#[Object]
impl ExtractQuery {
    /// Reads an article's text and returns the draft document
    /// `newsgraph extract` would write for it: a document of the import
    /// format (`newsgraph/1`) with the article as its source and the quotes,
    /// speakers, reported speech, roles, issues with stances, money, events
    /// and counts found in it, each citing its exact span with `curated:
    /// false` and a confidence. Names and issues are resolved against the
    /// graph. Nothing is written; `importGraph` imports the draft once it is
    /// reviewed.
    #[graphql(complexity = "EXTRACT_COST")]
    async fn extract_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The article: its text and what is known of it.")] article: ArticleInput,
    ) -> AppResult<Json<serde_json::Value>> {
        let doc = draft_of(ctx, article).await?;
        let value = serde_json::to_value(&doc).map_err(|err| {
            tracing::error!(%err, "a draft did not serialise");
            AppError::Internal
        })?;
        Ok(Json(value))
    }
}

/// The draft document of an article, its names resolved against the graph.
pub(crate) async fn draft_of(ctx: &Context<'_>, article: ArticleInput) -> AppResult<Document> {
    let article = article.into_article()?;
    let cached = ctx.data::<gazetteer::Cached>().map_err(|_| {
        tracing::error!("schema without a gazetteer");
        AppError::Internal
    })?;
    let known = cached.get(database(ctx)?).await?;
    // The rules are plain computation: off the request threads.
    tokio::task::spawn_blocking(move || draft(&article, known.as_ref()))
        .await
        .map_err(|err| {
            tracing::error!(%err, "the extractor stopped");
            AppError::Internal
        })
}

/// An article to read: its text and what is known of it besides.
#[derive(InputObject, Debug, Clone)]
pub struct ArticleInput {
    /// The article as plain text, at most 2 MiB; its first line is the
    /// headline unless `title` is given.
    pub text: String,
    /// The day it was published (`YYYY-MM-DD`); dates such as "on Tuesday"
    /// count back from it.
    pub published_on: Option<Date>,
    /// The headline.
    pub title: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Its language, a BCP 47 tag (`en`).
    pub language: Option<String>,
}

impl ArticleInput {
    /// The article the extractor reads, or the problem with the input (at
    /// `article.text` or `article.publishedOn`).
    pub fn into_article(self) -> AppResult<Article> {
        let text = article_text(self.text.as_bytes())
            .map_err(|reason| AppError::invalid(vec![("article.text".to_owned(), reason)]))?;
        let published_on = match self.published_on {
            Some(Date(day, DatePrecision::Day)) => Some(day),
            Some(_) => {
                return Err(AppError::invalid(vec![(
                    "article.publishedOn".to_owned(),
                    "must be a day (`YYYY-MM-DD`): relative dates count back from it".to_owned(),
                )]));
            }
            None => None,
        };
        Ok(Article {
            text,
            title: self.title,
            published_on,
            url: self.url,
            publisher: self.publisher,
            language: self.language,
        })
    }
}
