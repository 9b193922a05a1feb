//! The committed `core/src/schema/generated.rs` must be exactly what the generator produces.

#[test]
fn committed_schema_tables_are_fresh() {
    let path = podplay_schema_gen::generated_path();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let fresh = podplay_schema_gen::generate();
    if committed != fresh {
        let line = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()) + 1);
        panic!(
            "{} is stale (first difference at line {line}).\nRegenerate it with: cargo run -p podplay-schema-gen",
            path.display()
        );
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(
        podplay_schema_gen::generate(),
        podplay_schema_gen::generate()
    );
}
