//! The GraphiQL playground at `/`, opened on example queries about the seed
//! article, and the scripts and styles it loads, served from the binary
//! under `/playground/`: the playground needs no CDN and no internet.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

/// The example queries the playground opens with, one tab each, in order.
pub const EXAMPLES: [&str; 9] = [
    include_str!("playground/1-who-opposes-nato-membership.graphql"),
    include_str!("playground/2-everything-peskov-said.graphql"),
    include_str!("playground/3-the-eu-loan.graphql"),
    include_str!("playground/4-the-drone-attack.graphql"),
    include_str!("playground/5-what-kremlin-officials-said.graphql"),
    include_str!("playground/6-how-is-kushner-connected-to-putin.graphql"),
    include_str!("playground/7-ushakovs-neighbourhood.graphql"),
    include_str!("playground/8-nato-membership-over-time.graphql"),
    include_str!("playground/9-who-talks-about-territorial-concessions.graphql"),
];

/// What the page may load: scripts, styles and calls from this server only
/// (fonts and the icon are `data:` URLs; GraphiQL styles its elements
/// inline).
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     font-src 'self' data:; img-src 'self' data:; connect-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A file the page loads, under `/playground/`.
struct Asset {
    name: &'static str,
    bytes: &'static [u8],
    content_type: &'static str,
    /// Whether the name carries the version, so that the content under it
    /// never changes and browsers may keep it for a year.
    versioned: bool,
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// A file of `playground/vendor/`, whose name carries its version.
macro_rules! vendored {
    ($name:literal, $content_type:expr) => {
        Asset {
            name: $name,
            bytes: include_bytes!(concat!("playground/vendor/", $name)),
            content_type: $content_type,
            versioned: true,
        }
    };
}

/// The npm packages' own files (see `playground/vendor/README.md`), and the
/// script that starts GraphiQL.
const ASSETS: [Asset; 5] = [
    vendored!("react-18.3.1.min.js", JS),
    vendored!("react-dom-18.3.1.min.js", JS),
    vendored!("graphiql-3.9.0.min.js", JS),
    vendored!("graphiql-3.9.0.min.css", CSS),
    Asset {
        name: "start.js",
        bytes: include_bytes!("playground/start.js"),
        content_type: JS,
        versioned: false,
    },
];

/// Each asset's entity tag: the start of its SHA-256, the same on every
/// replica that runs this build.
static ETAGS: LazyLock<Vec<HeaderValue>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|asset| {
            let hash = format!("{:x}", Sha256::digest(asset.bytes));
            HeaderValue::from_str(&format!("\"{}\"", &hash[..32]))
                .unwrap_or_else(|_| HeaderValue::from_static("\"\""))
        })
        .collect()
});

/// The playground's routes: the page at `/` and its files under
/// `/playground/`. Mounted only when the playground is on.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(page))
        .route("/playground/{file}", get(asset))
}

/// The page, with the examples in it as JSON.
async fn page() -> Response {
    static PAGE: LazyLock<String> = LazyLock::new(|| {
        let tabs: Vec<_> = EXAMPLES
            .iter()
            .map(|q| serde_json::json!({ "query": q }))
            .collect();
        // Inside <script>, "</" could end the element early.
        let json = serde_json::to_string(&tabs)
            .unwrap_or_else(|_| "[]".to_owned())
            .replace("</", "<\\/");
        include_str!("playground/index.html").replace("__EXAMPLES__", &json)
    });
    (
        [
            (CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY)),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        Html(PAGE.as_str()),
    )
        .into_response()
}

/// One of the page's files; 304 when the browser holds it already.
async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(i) = ASSETS.iter().position(|a| a.name == file) else {
        return (StatusCode::NOT_FOUND, "no such playground file\n").into_response();
    };
    let asset = &ASSETS[i];
    let etag = ETAGS[i].clone();
    let cache = HeaderValue::from_static(if asset.versioned {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    if headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .any(|v| matches_etag(v, &etag))
    {
        return (StatusCode::NOT_MODIFIED, [(ETAG, etag), (CACHE_CONTROL, cache)]).into_response();
    }
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
            (ETAG, etag),
            (CACHE_CONTROL, cache),
        ],
        asset.bytes,
    )
        .into_response()
}

/// Whether an `If-None-Match` value names the tag: `*`, or a list of tags
/// compared weakly, as RFC 9110 has it for this header.
fn matches_etag(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = header.to_str() else {
        return false;
    };
    list.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag).as_bytes() == etag.as_bytes())
}
