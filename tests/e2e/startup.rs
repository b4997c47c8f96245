//! Bad configuration: one clear line on stderr naming the setting, a
//! non-zero exit, no panic.

use crate::server::{Finished, newsgraph, run};

fn assert_one_clear_line(out: &Finished, mentions: &[&str]) {
    assert!(
        !out.success,
        "newsgraph should have failed; stderr: {}",
        out.stderr
    );
    let lines: Vec<&str> = out.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got: {:?}", lines);
    let line = lines[0];
    assert!(line.starts_with("newsgraph: error: "), "{line}");
    for word in mentions {
        assert!(line.contains(word), "the message should mention {word}: {line}");
    }
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("backtrace"),
        "{}",
        out.stderr
    );
}

pub async fn unknown_database_scheme_is_one_clear_line() {
    let mut cmd = newsgraph();
    cmd.env("DATABASE_URL", "mysql://root@127.0.0.1/news")
        .args(["serve", "--addr", "127.0.0.1:0"]);
    assert_one_clear_line(&run(cmd).await, &["DATABASE_URL", "\"mysql\""]);
}

pub async fn unreachable_postgres_is_one_clear_line() {
    let mut cmd = newsgraph();
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    cmd.env("DATABASE_URL", "postgres://postgres:secret@127.0.0.1:1/news")
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = run(cmd).await;
    assert_one_clear_line(&out, &["DATABASE_URL", "127.0.0.1:1"]);
    assert!(
        !out.stderr.contains("secret"),
        "the password leaked: {}",
        out.stderr
    );
}

pub async fn unwritable_data_folder_is_one_clear_line() {
    // A folder inside a regular file can be made by nobody, root included.
    let file = std::env::temp_dir().join(format!("newsgraph-file-{}", crate::harness::unique_suffix()));
    std::fs::write(&file, b"not a folder").expect("a file");
    let mut cmd = newsgraph();
    cmd.env("NEWSGRAPH_DATA_DIR", file.join("data"))
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = run(cmd).await;
    let _ = std::fs::remove_file(&file);
    assert_one_clear_line(&out, &["NEWSGRAPH_DATA_DIR", "--data-dir"]);
}

pub async fn address_in_use_is_one_clear_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = taken.local_addr().expect("its address").to_string();
    let dir = std::env::temp_dir().join(format!("newsgraph-test-{}", crate::harness::unique_suffix()));
    let mut cmd = newsgraph();
    cmd.env("NEWSGRAPH_DATA_DIR", &dir)
        .args(["serve", "--addr", &addr]);
    let out = run(cmd).await;
    let created = dir.join("newsgraph.db").exists();
    let _ = std::fs::remove_dir_all(&dir);
    assert_one_clear_line(&out, &[&addr, "NEWSGRAPH_ADDR", "in use"]);
    assert!(
        !created,
        "a server that cannot listen should not touch the database"
    );
}

pub async fn a_missing_postgres_database_is_one_clear_line() {
    let admin = std::env::var(crate::harness::POSTGRES_URL_VAR).expect("a PostgreSQL URL");
    let server = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(server, _)| server);
    let name = format!("newsgraph_missing_{}", crate::harness::unique_suffix());
    let mut cmd = newsgraph();
    cmd.env("DATABASE_URL", format!("{server}/{name}"))
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = run(cmd).await;
    assert_one_clear_line(&out, &["DATABASE_URL", &format!("\"{name}\""), "does not exist"]);
    assert!(
        !out.stderr.contains(" line "),
        "no source lines of PostgreSQL: {}",
        out.stderr
    );
}
