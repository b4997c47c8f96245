//! End-to-end tests: GraphQL over HTTP against a real `newsgraph` process
//! with a fresh database, on SQLite and on PostgreSQL.
//!
//! Run with `cargo test`; set `NEWSGRAPH_TEST_POSTGRES_URL` to include the
//! PostgreSQL cases (see `harness.rs`).

mod fixtures;
mod full_document;
mod harness;
mod registry;
mod server;
mod shared;

mod budgets;
mod concurrency;
mod creates;
mod examples;
mod exposure;
mod extract;
mod fact_updates;
mod fairness;
mod filters;
mod fuzz;
mod graph;
mod import;
mod limits;
mod lists;
mod media;
mod messages;
mod migrations;
mod node_updates;
mod nodes;
mod operations;
mod outage;
mod playground;
mod positions;
mod readme;
mod relations;
mod reports;
mod schema;
mod search;
mod seed;
mod settings;
mod shutdown;
mod sql_count;
mod startup;
mod subscription_limits;
mod subscriptions;
mod transport;
mod write_core;
mod writes;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let cases = vec![
        case!(playground::root_serves_the_graphiql_playground),
        case!(playground::the_playground_loads_every_file_from_the_server_itself),
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
        case!(lists::people_sort_by_name_both_ways_and_page_in_that_order),
        case!(lists::names_sort_as_written_ignoring_case_and_accents),
        case!(lists::statements_sort_by_date_across_years_months_and_days),
        case!(lists::an_empty_list_and_a_list_of_exactly_one_page),
        case!(lists::an_issues_statements_read_the_same_nested_as_filtered_for_popular_and_rare_issues),
        case!(filters::statements_said_from_and_to_a_day_are_those_said_within),
        case!(reports::two_outlets_quoting_the_same_words_give_one_statement_with_two_sources),
        case!(import::evidence_may_give_its_excerpt_alone),
        case!(reports::the_same_words_said_on_another_day_are_another_statement),
        case!(reports::four_reports_of_one_meeting_give_one_event_with_four_sources),
        case!(reports::a_role_and_a_loan_reported_by_two_outlets_have_two_sources),
        case!(reports::an_add_of_known_words_returns_the_statement_with_the_new_report),
        case!(reports::export_and_import_carry_every_report),
        case!(reports::the_seed_drone_attack_cites_the_sentence_naming_the_other_regions),
        case!(filters::sources_filter_by_publisher_and_publication_dates_of_their_own),
        case!(positions::a_speaker_whose_stance_changed_has_one_position_per_stance),
        case!(positions::every_position_of_a_page_of_issues_is_read_in_a_few_sql_statements),
        case!(budgets::a_request_that_reads_or_answers_past_its_budget_is_refused_whole),
        case!(budgets::an_answer_whose_text_passes_the_byte_limit_stops_before_its_next_reads),
        case!(budgets::a_filter_inside_the_words_costs_what_reading_the_table_costs),
        case!(budgets::percent_and_underscore_in_a_text_filter_mean_themselves),
        case!(budgets::a_request_stopped_by_its_time_limit_leaves_no_sql_running),
        case!(sql_count::a_hundred_statements_with_their_relations_take_eight_or_nine_sql_statements),
        case!(fairness::a_pool_with_every_connection_in_use_is_busy_not_down),
        case!(fairness::heavy_queries_take_turns_per_client_and_for_the_server),
        case!(examples::the_playground_opens_on_the_examples),
        case!(writes::import_graph_with_a_write_token_writes_and_is_logged),
        case!(writes::writes_without_a_write_token_are_refused_and_write_nothing),
        case!(writes::without_read_tokens_reads_are_public_but_writes_are_not),
        case!(writes::an_import_with_problems_says_where_and_writes_nothing),
        case!(writes::a_mutation_over_get_is_refused),
        case!(writes::update_entity_corrects_an_entity_and_bumps_its_version),
        case!(writes::a_stale_version_is_a_conflict_and_changes_nothing),
        case!(writes::update_entity_refuses_bad_input_unknown_ids_and_taken_qids),
        case!(writes::merging_moves_every_fact_and_alias_and_the_old_id_leads_to_the_kept_one),
        case!(writes::a_merge_that_cannot_be_done_is_refused_and_changes_nothing),
        case!(writes::delete_node_retracts_facts_and_removes_only_what_nothing_refers_to),
        case!(messages::messages_name_the_right_cursor_version_and_dates),
        case!(creates::a_front_end_adds_people_a_role_and_a_statement_that_readers_then_see),
        case!(creates::money_events_and_relations_are_added_with_their_parties_and_counts),
        case!(creates::an_entity_in_two_roles_of_one_event_is_listed_in_each),
        case!(creates::a_refused_add_says_where_and_what_and_writes_nothing),
        case!(write_core::an_event_or_role_may_end_in_the_month_it_started_on_a_day),
        case!(write_core::adds_and_updates_refuse_an_end_before_the_start_in_the_import_s_words),
        case!(write_core::language_tags_are_checked_the_same_way_on_both_databases),
        case!(write_core::published_on_takes_a_year_a_month_or_a_day_everywhere),
        case!(write_core::not_found_names_every_missing_id),
        case!(write_core::names_refuse_control_characters_in_updates_as_in_creates),
        case!(limits::deep_and_complex_queries_are_refused_with_the_limit),
        case!(limits::alias_directive_and_size_floods_are_refused),
        case!(limits::batches_bodies_and_time_have_limits),
        case!(limits::requests_beyond_the_cap_in_flight_are_refused_at_once),
        case!(limits::production_hides_the_schema_the_playground_and_suggestions),
        case!(limits::browsers_may_call_from_the_origins_the_operator_allows),
        case!(exposure::production_validation_messages_name_only_what_the_query_spelled),
        case!(exposure::trusted_documents_run_by_id_and_every_other_document_is_refused),
        case!(exposure::metrics_label_only_operations_the_document_defines_up_to_the_cap),
        case!(exposure::production_keeps_metrics_private_unless_the_operator_says_how),
        case!(exposure::deep_selections_and_fragment_cycles_are_query_too_deep),
        case!(exposure::a_batch_may_cost_no_more_than_one_operation_may),
        case!(exposure::names_with_control_characters_are_refused_with_their_path),
        case!(operations::health_and_ready_answer_while_the_database_does),
        case!(operations::metrics_count_requests_by_operation_and_outcome_and_errors_by_code),
        case!(operations::each_request_is_one_log_line_with_its_id_and_no_secrets),
        case!(operations::a_documents_only_operation_names_the_request_without_operation_name),
        case!(operations::request_errors_carry_a_code_and_metrics_count_them_by_it),
        case!(node_updates::update_role_corrects_title_dates_organisation_and_evidence),
        case!(node_updates::update_role_refuses_stale_unknown_or_bad_input),
        case!(node_updates::update_relation_corrects_kind_related_person_and_evidence),
        case!(node_updates::update_relation_refuses_stale_unknown_or_bad_input),
        case!(node_updates::update_issue_renames_reparents_and_keeps_the_old_name_as_alias),
        case!(node_updates::update_issue_refuses_cycles_taken_qids_and_bad_input),
        case!(node_updates::update_source_corrects_details_and_keeps_a_cited_text),
        case!(node_updates::update_source_refuses_taken_urls_stale_or_bad_input),
        case!(node_updates::update_entity_corrects_organisation_and_place_details),
        case!(node_updates::update_entity_refuses_foreign_details_and_cycles),
        case!(concurrency::thirty_two_clients_creating_one_person_leave_one_node),
        case!(concurrency::thirty_two_overlapping_imports_leave_no_duplicate),
        case!(fact_updates::update_statement_corrects_every_field_and_readers_see_it),
        case!(fact_updates::update_statement_refuses_stale_unknown_and_bad_input_and_changes_nothing),
        case!(fact_updates::of_two_updates_of_one_statement_version_exactly_one_wins),
        case!(fact_updates::update_financial_measure_corrects_the_terms_and_readers_see_them),
        case!(fact_updates::update_financial_measure_refuses_what_the_import_refuses_and_changes_nothing),
        case!(fact_updates::update_event_replaces_places_participants_and_counts),
        case!(fact_updates::update_event_refuses_bad_dates_counts_and_spans_and_changes_nothing),
        case!(fact_updates::node_changed_subscribers_hear_each_fact_update),
        case!(shutdown::sigterm_lets_requests_finish_and_tells_subscribers),
        case!(shutdown::a_stalled_request_does_not_hold_the_shutdown_past_its_grace),
        case!(subscriptions::a_subscriber_sees_statements_as_they_are_added),
        case!(subscriptions::a_filtered_subscription_sees_only_its_statements),
        case!(subscriptions::node_changed_follows_corrections),
        case!(subscriptions::a_bad_token_at_connection_init_closes_the_connection),
        case!(subscriptions::every_subscriber_hears_a_write_even_on_another_server),
        case!(media::each_client_gets_the_media_type_it_asks_for),
        case!(media::a_request_error_is_400_for_graphql_response_clients_and_has_no_data),
        case!(media::a_request_without_a_json_body_or_a_query_is_refused),
        case!(media::a_body_that_is_not_json_is_refused_in_the_media_type_the_client_accepts),
        case!(transport::slow_bodies_hold_no_place_and_are_cut_by_the_body_timeout),
        case!(transport::idle_connections_and_slow_headers_are_closed),
        case!(transport::a_chunked_body_over_the_limit_is_refused_with_413),
        case!(transport::each_malformed_body_is_answered_as_graphql_with_bad_request),
        case!(transport::get_runs_the_operation_that_operation_name_selects),
        case!(transport::connections_beyond_the_cap_wait_until_one_closes),
        case!(subscriptions::breaches_of_the_protocol_close_the_connection_with_their_codes),
        case!(subscriptions::a_client_without_a_subprotocol_the_server_speaks_gets_4406),
        case!(subscription_limits::a_connection_without_connection_init_is_closed_with_4408),
        case!(subscription_limits::a_subscription_over_the_connection_limit_gets_an_error_and_the_others_go_on),
        case!(subscription_limits::a_websocket_over_the_server_limit_is_closed_with_1013),
        case!(subscription_limits::subscriptions_over_the_servers_limit_get_an_error_on_any_connection),
        case!(subscription_limits::five_thousand_subscribers_of_one_node_hear_its_change_from_one_read),
        case!(subscription_limits::statement_subscribers_with_the_same_filter_share_a_read_and_see_only_their_matches),
        case!(subscription_limits::a_websocket_message_over_the_body_limit_ends_the_connection),
        case!(schema::every_type_field_argument_and_enum_value_is_described),
        case!(search::search_follows_writes_and_folds_statements_at_start),
        case!(seed::first_start_of_the_embedded_database_imports_the_seed),
        case!(readme::the_readme_examples_run_as_written),
        case!(settings::a_tokens_file_may_end_a_line_with_a_comment),
        case!(settings::each_switch_turns_on_alone_and_off_with_false_over_the_environment),
        case!(settings::a_production_server_never_seeds_itself),
        case!(migrations::migrate_says_in_one_line_what_it_did),
        case!(relations::statement_speakers_and_their_statements_agree),
        case!(relations::statement_roles_and_role_statements_agree),
        case!(relations::statements_about_issues_and_issue_statements_agree),
        case!(relations::statement_mentions_and_mentioned_in_agree),
        case!(relations::statement_places_and_place_statements_agree),
        case!(relations::evidence_sources_and_source_lists_agree),
        case!(relations::roles_and_people_and_organisation_members_agree),
        case!(relations::a_relation_shows_on_both_of_its_people),
        case!(relations::sub_issue_statements_hold_when_issues_are_listed_together),
        case!(relations::sub_place_events_hold_when_places_are_listed_together),
        case!(relations::events_and_their_participants_and_places_agree),
        case!(relations::financial_measures_and_their_parties_and_issues_agree),
        case!(relations::place_issue_and_country_trees_agree_both_ways),
        case!(relations::nested_lists_page_per_parent),
        case!(extract::an_extracted_article_checks_imports_and_cites_its_spans),
        case!(extract::extract_resolves_names_against_the_graph),
        case!(extract::extract_refuses_what_is_not_an_article),
        case!(extract::import_check_reports_problems_and_writes_nothing),
        case!(extract::extract_article_returns_the_draft_the_command_writes),
        case!(extract::ingest_article_needs_a_write_token_and_imports_all_or_nothing),
        case!(extract::extract_finds_money_counts_and_events),
        case!(extract::extract_finds_the_seed_loan_drones_and_issues),
        case!(extract::extract_article_sees_names_written_since_the_last_draft),
        case!(import::a_valid_document_imports),
        case!(import::importing_the_same_file_twice_changes_nothing),
        case!(import::export_import_export_gives_the_same_document),
        case!(import::export_gives_back_every_field_of_every_record_it_imported),
        case!(import::a_spelling_variant_or_a_qid_attaches_to_the_existing_node),
        case!(import::a_file_may_cite_a_source_already_in_the_database),
        case!(import::an_unknown_enum_value_is_refused),
        case!(import::a_span_out_of_range_is_refused),
        case!(import::an_excerpt_that_differs_from_the_text_is_refused),
        case!(import::a_reference_to_an_unknown_key_is_refused),
        case!(import::a_currency_that_is_not_iso_4217_is_refused),
        case!(import::malformed_and_impossible_dates_are_refused),
        case!(import::a_negative_count_is_refused),
        case!(import::a_duplicate_key_is_refused),
        case!(import::invalid_json_is_refused_with_its_line_and_column),
        case!(import::a_file_that_is_not_utf8_is_refused),
        case!(import::every_problem_of_a_file_is_reported_at_once),
        case!(import::each_file_is_imported_or_refused_on_its_own),
        case!(import::standard_input_is_read_for_a_dash),
        case!(fuzz::mangled_documents_are_imported_whole_or_not_at_all),
        case!(fuzz::random_queries_never_fail_internally),
        case!(graph::a_hub_of_thousands_of_facts_answers_within_the_limits),
    ];
    // Cases that only read the seed graph: one seeded server per database.
    let seeded = vec![
        seeded!(search::search_finds_a_name_across_case_accents_and_transliterations),
        seeded!(search::search_finds_aliases_and_says_which_one_matched),
        seeded!(search::search_matches_the_last_word_as_a_prefix),
        seeded!(search::search_finds_statement_text_and_marks_the_words),
        seeded!(search::search_ranks_names_above_statements_across_types),
        seeded!(search::search_pages_with_first_and_after),
        seeded!(search::search_refuses_a_page_over_one_hundred_and_bad_cursors),
        seeded!(search::search_refuses_a_blank_query),
        seeded!(search::search_reads_query_syntax_as_plain_words),
        seeded!(search::search_meets_word_forms_by_their_stems),
        seeded!(search::search_finds_every_kind_of_node_by_its_own_words),
        seeded!(search::search_gathers_words_spread_over_a_fact),
        seeded!(search::search_ranks_reader_queries),
        seeded!(seed::the_seed_graph_says_who_said_what_in_which_role),
        seeded!(seed::the_seed_graph_says_who_supports_and_who_opposes_nato_membership),
        seeded!(seed::the_seed_graph_knows_the_loan_and_its_parties),
        seeded!(seed::the_seed_graph_counts_the_drone_attack),
        seeded!(examples::each_example_answers_its_question_about_the_seed_article),
        seeded!(examples::answers_keep_the_order_the_query_asks_for),
        seeded!(positions::positions_say_who_supports_and_who_opposes_and_what_they_said),
        seeded!(positions::positions_page_with_cursors_both_ways_and_count_the_whole_list),
        seeded!(positions::a_positions_statements_page_like_every_other_list),
        seeded!(filters::names_match_aliases_ignoring_case_accents_and_spelling),
        seeded!(filters::organisations_and_places_filter_by_kind_country_and_tree),
        seeded!(filters::statement_filters_hold_alone_and_together),
        seeded!(filters::a_filter_id_of_the_wrong_kind_or_malformed_is_bad_user_input),
        seeded!(filters::financial_measures_filter_by_kind_currency_amount_parties_and_issue),
        seeded!(filters::events_filter_by_kind_place_with_sub_places_participant_and_dates),
        seeded!(filters::sources_filter_by_publication_date_and_publisher),
        seeded!(lists::statements_sort_by_date_with_undated_ones_first_ascending_and_last_descending),
        seeded!(lists::a_cursor_of_another_list_or_order_is_refused),
        seeded!(lists::people_organisations_and_places_refuse_each_others_cursors),
        seeded!(budgets::long_string_filters_are_bad_user_input_naming_the_field_and_limit),
        seeded!(graph::statement_facets_count_what_the_list_under_the_same_filter_counts),
        seeded!(graph::timelines_count_each_statement_and_event_once),
        seeded!(graph::a_neighbourhood_weighs_each_edge_by_its_facts),
        seeded!(graph::paths_join_kushner_to_putin_by_facts_with_their_evidence),
    ];
    let plain = vec![
        plain!(server::the_developers_settings_never_reach_the_binary),
        plain!(schema::committed_schema_matches_the_code),
        plain!(schema::committed_import_format_schema_matches_the_code),
        plain!(seed::every_span_of_the_seed_graph_matches_the_article),
        plain!(seed::the_seed_file_imports_as_is),
        plain!(startup::unknown_database_scheme_is_one_clear_line),
        plain!(readme::readme_blocks_are_found_with_their_marks_and_text),
        plain!(settings::a_value_that_does_not_parse_is_one_line_naming_the_setting_as_given),
        plain!(writes::a_malformed_token_setting_is_one_clear_line),
        plain!(limits::a_malformed_origin_setting_is_one_clear_line),
        plain!(exposure::a_malformed_manifest_stops_the_server_with_one_line),
        crate::harness::Plain {
            postgres: true,
            ..plain!(outage::the_server_survives_a_database_outage_and_loses_no_acknowledged_write)
        },
        plain!(startup::unreachable_postgres_is_one_clear_line),
        plain!(startup::unwritable_data_folder_is_one_clear_line),
        plain!(startup::address_in_use_is_one_clear_line),
        crate::harness::Plain {
            postgres: true,
            ..plain!(startup::a_missing_postgres_database_is_one_clear_line)
        },
    ];
    harness::run(&args, cases, seeded, plain);
}
