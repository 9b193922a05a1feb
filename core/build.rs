//! Lists the data-driven test fixtures (`tests/fixtures/**`) as `include_str!` entries so that the
//! same fixture tests run natively and compiled to wasm32 (where there is no file system).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a build script: a panic fails the build with its message
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut inputs = Vec::new();
    walk(&root, &mut inputs);
    inputs.sort();
    let mut out = String::from("/// (name relative to tests/fixtures without extension, input, expected output if present)\n");
    out.push_str("pub static FIXTURES: &[(&str, &str, Option<&str>)] = &[\n");
    for path in inputs {
        let rel = path.strip_prefix(&root).unwrap().with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let expected = path.with_extension("out");
        let exp = if expected.exists() {
            format!("Some(include_str!({:?}))", expected.display().to_string())
        } else {
            "None".to_string()
        };
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?}), {exp}),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixtures.rs");
    std::fs::write(dest, out).unwrap();
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "session") {
            out.push(p);
        }
    }
}
