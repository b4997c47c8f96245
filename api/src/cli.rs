//! The subcommands.

use std::io::Write;

use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::{Cli, Command, MigrateArgs, MigrateDirection};
use crate::db::{self, Target};
use crate::error::{StartupError, one_line};
use crate::{graphql, http};

/// Runs the command the user asked for (`serve` when none).
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.as_ref().unwrap_or(&Command::Serve) {
        Command::Serve => serve(&cli).await,
        Command::Migrate(args) => migrate(&cli, args).await,
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
    }
}

/// Opens and migrates the database, then serves until SIGINT or SIGTERM.
async fn serve(cli: &Cli) -> Result<(), StartupError> {
    let target = Target::from_args(&cli.database)?;
    // Take the address before touching the database, so that a port in use
    // fails at once and leaves the database as it was.
    let listener = TcpListener::bind(&cli.addr)
        .await
        .map_err(|err| StartupError::Listen {
            addr: cli.addr.clone(),
            reason: one_line(err),
        })?;
    let db = open(&target).await?;
    let local = listener
        .local_addr()
        .map_err(|e| StartupError::Serve(one_line(e)))?;
    tracing::info!(database = %target.describe(), "serving on http://{local}/");
    // The one line on stdout: scripts and tests read the address from it.
    println!("newsgraph listening on http://{local}/");
    let _ = std::io::stdout().flush();
    let app = http::router(db.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|err| StartupError::Serve(one_line(err)))?;
    let _ = db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Connects and applies pending migrations.
pub async fn open(target: &Target) -> Result<DatabaseConnection, StartupError> {
    let db = db::connect(target).await?;
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
    match args.direction.clone().unwrap_or(MigrateDirection::Up) {
        MigrateDirection::Up => Migrator::up(&db, None).await.map_err(failed)?,
        MigrateDirection::Down { all: true, .. } => Migrator::reset(&db).await.map_err(failed)?,
        MigrateDirection::Down { steps, .. } => Migrator::down(&db, Some(steps)).await.map_err(failed)?,
        MigrateDirection::Status => {
            for m in Migrator::get_migration_with_status(&db).await.map_err(failed)? {
                println!("{}\t{}", m.name(), m.status());
            }
        }
    }
    let _ = db.close().await;
    Ok(())
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
