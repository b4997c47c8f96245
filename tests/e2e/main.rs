//! End-to-end tests: GraphQL over HTTP against a real `newsgraph` process
//! with a fresh database, on SQLite and on PostgreSQL.
//!
//! Run with `cargo test`; set `NEWSGRAPH_TEST_POSTGRES_URL` to include the
//! PostgreSQL cases (see `harness.rs`).

mod fixtures;
mod harness;
mod server;

mod lists;
mod migrations;
mod nodes;
mod playground;
mod schema;
mod startup;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let cases = vec![
        case!(playground::root_serves_the_graphiql_playground),
        case!(playground::typename_answers_over_post_and_get),
        case!(playground::first_start_creates_and_migrates_the_database),
        case!(migrations::migrations_go_up_down_and_up_again),
        case!(nodes::node_returns_every_kind_of_node_by_its_id),
        case!(nodes::node_returns_null_for_an_unknown_id),
        case!(nodes::node_refuses_a_malformed_id_with_bad_user_input),
        case!(nodes::nodes_returns_each_id_in_order_with_nulls_for_unknown_ones),
        case!(nodes::statement_reads_its_speaker_role_and_evidence),
        case!(nodes::financial_measure_keeps_its_exact_amount_and_terms),
        case!(nodes::entities_show_their_kind_details_and_aliases),
        case!(lists::every_node_kind_has_a_list),
        case!(lists::pages_forward_with_first_and_after),
        case!(lists::pages_backward_with_last_and_before),
        case!(lists::page_size_defaults_to_twenty_and_stops_at_one_hundred),
        case!(lists::a_foreign_cursor_is_refused),
    ];
    let plain = vec![
        plain!(schema::committed_schema_matches_the_code),
        plain!(startup::unknown_database_scheme_is_one_clear_line),
        plain!(startup::unreachable_postgres_is_one_clear_line),
        plain!(startup::unwritable_data_folder_is_one_clear_line),
        plain!(startup::address_in_use_is_one_clear_line),
    ];
    libtest_mimic::run(&args, harness::trials(cases, plain)).exit();
}
