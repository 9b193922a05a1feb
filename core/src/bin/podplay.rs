//! `podplay`: Pod Playground's command-line tool (validate, explain, simulate).
fn main() {
    eprintln!("podplay: not yet wired");
    std::process::exit(2);
}
