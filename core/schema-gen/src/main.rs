//! `cargo run -p podplay-schema-gen`: regenerates `core/src/schema/generated.rs`.
fn main() {
    let path = podplay_schema_gen::generated_path();
    let text = podplay_schema_gen::generate();
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    println!("wrote {}", path.display());
}
