//! The subcommands.

use std::io::Write;

use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::changes::{Change, Changes};
use crate::config::{
    AuditArgs, Cli, Command, ExportArgs, ExtractArgs, ImportArgs, MigrateArgs, MigrateDirection,
};
use crate::db::{self, Target};
use crate::error::{StartupError, one_line};
use crate::{graphql, http, import, seed};

/// Runs the command the user asked for (`serve` when none).
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.as_ref().unwrap_or(&Command::Serve) {
        Command::Serve => serve(&cli).await,
        Command::Migrate(args) => migrate(&cli, args).await,
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Import(args) => import(&cli, args).await,
        Command::Export(args) => export(&cli, args).await,
        Command::Generate(args) => {
            let doc = crate::generate::generate(args.statements, args.seed);
            write_output(args.output.as_deref(), &crate::export::to_json(&doc))
        }
        Command::Audit(args) => audit(&cli, args).await,
        Command::Extract(args) => extract(&cli, args).await,
        Command::FormatSchema => {
            print!("{}", import::format::json_schema());
            Ok(())
        }
    }
}

/// Opens and migrates the database, then serves until SIGINT or SIGTERM.
async fn serve(cli: &Cli) -> Result<(), StartupError> {
    let target = Target::from_args(&cli.database)?;
    let tokens = crate::auth::Tokens::from_settings(
        cli.tokens.write_tokens.as_deref(),
        cli.tokens.read_tokens.as_deref(),
        cli.tokens.tokens_file.as_deref(),
    )?;
    let exposure = crate::guard::Exposure::from_args(&cli.exposure).map_err(StartupError::Config)?;
    // Take the address before touching the database, so that a port in use
    // fails at once and leaves the database as it was.
    let listener = TcpListener::bind(&cli.addr)
        .await
        .map_err(|err| StartupError::Listen {
            addr: cli.addr.clone(),
            reason: one_line(err),
        })?;
    let metrics_listener = bind_metrics(cli.exposure.metrics_addr.as_deref()).await?;
    let pool = db::PoolSize::from(&cli.database);
    let prepared = open_with(&target, pool).await?;
    let empty = seed::is_empty(&prepared)
        .await
        .map_err(|e| StartupError::Database(one_line(e)))?;
    // Only a development server seeds itself: production never gets demo
    // data it did not ask for.
    let development = cli.exposure.environment == crate::config::Environment::Development;
    if embedded(cli) && development && !cli.no_seed && empty {
        let counts = seed::import_seed(&prepared)
            .await
            .map_err(|e| StartupError::Seed(one_line(e)))?;
        tracing::info!(%counts, "imported the seed graph into the new embedded database");
    }
    // Migrating and seeding may take longer than a request's statements
    // may: requests get connections of their own.
    let _ = prepared.close().await;
    let timeout = std::time::Duration::from_millis(cli.limits.timeout_ms);
    let mut db = db::connect_serving(&target, pool, timeout).await?;
    crate::sql_stats::install(&mut db);
    let local = listener
        .local_addr()
        .map_err(|e| StartupError::Serve(one_line(e)))?;
    tracing::info!(database = %target.describe(), "serving on http://{local}/");
    // The one line on stdout: scripts and tests read the address from it.
    println!("newsgraph listening on http://{local}/");
    let _ = std::io::stdout().flush();
    let changes = crate::changes::Changes::default();
    let (stopping, _) = tokio::sync::watch::channel(false);
    if let Target::Postgres(url) = &target {
        changes.listen(url.clone()).await;
    }
    crate::page::set_max_page_size(cli.limits.max_page_size);
    crate::budget::set_max_response_bytes(cli.limits.max_response_bytes);
    crate::guard::labels::set_max_operation_labels(cli.exposure.max_operation_labels);
    let metrics = http::ops::install_metrics();
    if let Some(listener) = metrics_listener {
        let state = http::ops::MetricsState {
            handle: metrics.clone(),
            db: db.clone(),
            token: exposure.metrics_token.clone(),
        };
        http::ops::serve_metrics(listener, state, stopping.subscribe());
    }
    let settings = http::Settings {
        sql_stats: cli.sql_stats,
        tokens,
        changes,
        limits: crate::guard::limits::Limits::from(&cli.limits),
        exposure,
        metrics,
        stopping: stopping.subscribe(),
    };
    let app = http::router(db.clone(), settings);
    // On SIGTERM or SIGINT: stop accepting, let requests in flight finish and
    // subscriptions close (1001), for at most the grace period; then close
    // the database.
    let mut stopped = stopping.subscribe();
    let server = http::transport::serve(
        listener,
        app,
        http::transport::Transport::from(&cli.limits),
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        },
    );
    tokio::pin!(server);
    tokio::select! {
        () = &mut server => {}
        () = shutdown_signal() => {
            let _ = stopping.send(true);
            let grace = std::time::Duration::from_millis(cli.shutdown_timeout_ms);
            match tokio::time::timeout(grace, &mut server).await {
                Ok(()) => {}
                Err(_) => tracing::warn!(
                    grace_ms = cli.shutdown_timeout_ms,
                    "requests still in flight at the end of the grace period; stopping anyway"
                ),
            }
        }
    }
    let _ = db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The listener of `--metrics-addr`, taken before the database is touched.
async fn bind_metrics(addr: Option<&str>) -> Result<Option<TcpListener>, StartupError> {
    let Some(addr) = addr else { return Ok(None) };
    TcpListener::bind(addr).await.map(Some).map_err(|err| {
        StartupError::Config(format!(
            "cannot listen on {addr} (set --metrics-addr or NEWSGRAPH_METRICS_ADDR to a free address): {}",
            one_line(err)
        ))
    })
}

/// Whether the database is the embedded default (no `DATABASE_URL`).
fn embedded(cli: &Cli) -> bool {
    cli.database
        .database_url
        .as_deref()
        .is_none_or(|u| u.trim().is_empty())
}

/// Imports each file in its own transaction; reports each refusal.
/// Prints, one line each, the first records of the file `name` that
/// reported a fact the graph held, with the fact's ID, and how many more.
fn print_reports(name: &str, counts: &import::Counts) {
    const SHOWN: usize = 20;
    let reports = counts.reports();
    if reports.len() > SHOWN {
        println!(
            "{name}: the first {SHOWN} of {} records that reported a fact already there:",
            reports.len()
        );
    }
    for report in reports.iter().take(SHOWN) {
        if let Some(kind) = graphql::ids::NodeKind::of_fact(report.kind) {
            let id = graphql::ids::GlobalId::new(kind, report.fact).encode();
            println!(
                "{name}: \"{}\" is another report of {} {}",
                report.record,
                report.kind.noun(),
                id.as_str()
            );
        }
    }
}

async fn import(cli: &Cli, args: &ImportArgs) -> Result<(), StartupError> {
    let target = Target::from_args(&cli.database)?;
    let db = open(&target).await?;
    let mut failed = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                // A file that cannot be read is refused like an invalid one;
                // the others are still imported.
                failed += 1;
                eprintln!("newsgraph: error: {err}");
                continue;
            }
        };
        if args.check {
            match import::rehearse_bytes(&db, &bytes).await {
                Ok(counts) => {
                    println!("{name}: would import ({counts}); nothing written");
                    print_reports(&name, &counts);
                }
                Err(err) => {
                    failed += 1;
                    for line in err.to_string().lines() {
                        eprintln!("newsgraph: error: {name}: {line}");
                    }
                }
            }
            continue;
        }
        match import::import_bytes(
            &db,
            &bytes,
            import::Actor {
                name: "cli",
                operation: "import",
            },
            None,
        )
        .await
        {
            Ok(counts) => {
                println!("{name}: imported ({counts})");
                print_reports(&name, &counts);
                // Servers on the same PostgreSQL database tell their subscribers.
                let added = Change::StatementsAdded {
                    ids: counts.added_statements().to_vec(),
                };
                Changes::default().publish(&db, vec![added]).await;
            }
            Err(err) => {
                failed += 1;
                for line in err.to_string().lines() {
                    eprintln!("newsgraph: error: {name}: {line}");
                }
            }
        }
    }
    let _ = db.close().await;
    if failed > 0 {
        return Err(StartupError::Import {
            failed,
            total: args.files.len(),
        });
    }
    Ok(())
}

/// Reads an article and writes the draft document the extractor makes of
/// it, resolving names against the graph of the database.
async fn extract(cli: &Cli, args: &ExtractArgs) -> Result<(), StartupError> {
    let name = args.article.display().to_string();
    let bytes = read_input(&args.article)?;
    let text = crate::extract::article_text(&bytes).map_err(|reason| StartupError::File {
        action: "extract from",
        path: name,
        reason,
    })?;
    let target = Target::from_args(&cli.database)?;
    let db = open(&target).await?;
    let known = crate::extract::Gazetteer::load(&db)
        .await
        .map_err(|e| StartupError::Database(one_line(e)))?;
    let _ = db.close().await;
    let article = crate::extract::Article {
        text,
        title: args.title.clone(),
        published_on: args.published_on,
        url: args.url.clone(),
        publisher: args.publisher.clone(),
        language: args.language.clone(),
    };
    let doc = crate::extract::draft(&article, &known);
    write_output(args.output.as_deref(), &crate::export::to_json(&doc))
}

fn read_input(path: &std::path::Path) -> Result<Vec<u8>, StartupError> {
    let fail = |e: std::io::Error| StartupError::File {
        action: "read",
        path: path.display().to_string(),
        reason: one_line(e),
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(fail)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(fail)
    }
}

/// Writes the whole graph to a file or standard output.
async fn export(cli: &Cli, args: &ExportArgs) -> Result<(), StartupError> {
    let target = Target::from_args(&cli.database)?;
    let db = open(&target).await?;
    let doc = crate::export::export(&db)
        .await
        .map_err(|e| StartupError::Database(one_line(e)))?;
    let json = crate::export::to_json(&doc);
    let _ = db.close().await;
    write_output(args.output.as_deref(), &json)
}

/// Prints the write log, newest first, one write per line, tab-separated:
/// time, actor, operation, summary.
async fn audit(cli: &Cli, args: &AuditArgs) -> Result<(), StartupError> {
    use entity::write_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let target = Target::from_args(&cli.database)?;
    let db = open(&target).await?;
    let mut select = write_log::Entity::find()
        .order_by_desc(write_log::Column::Id)
        .limit(args.limit);
    if let Some(actor) = &args.actor {
        select = select.filter(write_log::Column::Actor.eq(actor.as_str()));
    }
    let rows = select
        .all(&db)
        .await
        .map_err(|e| StartupError::Database(one_line(e)))?;
    let _ = db.close().await;
    let mut out = std::io::stdout().lock();
    for row in rows {
        let at = row.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        writeln!(out, "{at}\t{}\t{}\t{}", row.actor, row.operation, row.summary)
            .map_err(|e| StartupError::Serve(one_line(e)))?;
    }
    Ok(())
}

/// Writes text to a file, or to standard output.
fn write_output(path: Option<&std::path::Path>, json: &str) -> Result<(), StartupError> {
    match path {
        Some(path) => std::fs::write(path, json).map_err(|e| StartupError::File {
            action: "write",
            path: path.display().to_string(),
            reason: one_line(e),
        }),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| StartupError::File {
                    action: "write",
                    path: "standard output".to_owned(),
                    reason: one_line(e),
                })
        }
    }
}

/// Connects and applies pending migrations.
pub async fn open(target: &Target) -> Result<DatabaseConnection, StartupError> {
    open_with(target, db::PoolSize::DEFAULT).await
}

/// Connects with a pool of this size and applies pending migrations.
async fn open_with(target: &Target, pool: db::PoolSize) -> Result<DatabaseConnection, StartupError> {
    let db = db::connect_with(target, pool).await?;
    db::migrate(&db, target).await?;
    Ok(db)
}

async fn migrate(cli: &Cli, args: &MigrateArgs) -> Result<(), StartupError> {
    let target = Target::from_args(&cli.database)?;
    let db = db::connect(&target).await?;
    let failed = |err: sea_orm::DbErr| StartupError::Migrate {
        target: target.describe(),
        reason: one_line(err),
    };
    let direction = args.direction.clone().unwrap_or(MigrateDirection::Up);
    if let MigrateDirection::Status = direction {
        for m in Migrator::get_migration_with_status(&db).await.map_err(failed)? {
            println!("{}\t{}", m.name(), m.status());
        }
        let _ = db.close().await;
        return Ok(());
    }
    let before = applied(&db).await.map_err(failed)?;
    match direction {
        MigrateDirection::Down { all: true, .. } => Migrator::reset(&db).await.map_err(failed)?,
        MigrateDirection::Down { steps, .. } => Migrator::down(&db, Some(steps)).await.map_err(failed)?,
        _ => Migrator::up(&db, None).await.map_err(failed)?,
    }
    let after = applied(&db).await.map_err(failed)?;
    let _ = db.close().await;
    // One line on success, so that a script's log says what happened.
    println!(
        "{}",
        migrated(before, after, Migrator::migrations().len(), &target.describe())
    );
    Ok(())
}

/// How many migrations the database has applied.
async fn applied(db: &DatabaseConnection) -> Result<usize, sea_orm::DbErr> {
    Ok(Migrator::get_applied_migrations(db).await?.len())
}

/// What `migrate up` or `down` did, in one line.
fn migrated(before: usize, after: usize, total: usize, target: &str) -> String {
    let plural = |n: usize| if n == 1 { "migration" } else { "migrations" };
    let state = format!("{after} of {total} applied");
    match after.cmp(&before) {
        std::cmp::Ordering::Greater => {
            format!(
                "applied {} {} to {target}; {state}",
                after - before,
                plural(after - before)
            )
        }
        std::cmp::Ordering::Less => {
            format!(
                "reverted {} {} of {target}; {state}",
                before - after,
                plural(before - after)
            )
        }
        std::cmp::Ordering::Equal => format!("nothing to do for {target}; {state}"),
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
